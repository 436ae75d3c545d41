-- E-mail address of a user (staff contact data, never a survivor's): referral notifications by e-mail go there when
-- the installation has a mail server. Nullable: a user without one gets in-app notifications only.
alter table app_user add column email varchar(254);
