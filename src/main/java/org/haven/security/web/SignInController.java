package org.haven.security.web;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.haven.security.CurrentUser;
import org.haven.security.internal.PendingSignIn;
import org.haven.security.internal.QrCodes;
import org.haven.security.internal.SecuritySettings;
import org.haven.security.internal.SignIn;
import org.haven.security.internal.Totp;
import org.haven.security.internal.TotpSecrets;
import org.haven.security.internal.UserAccounts;
import org.haven.security.internal.UserAccounts.Account;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Sign-in pages: the password form (processed by Spring Security at {@code POST /login}), then for users who need
 * one the second factor: entry of the current code, or enrolment (QR code and manual key) for users without one.
 * Both second-factor pages act only on the {@link PendingSignIn} of this session, so the code is always checked
 * against the secret of the user whose password was given.
 */
@Controller
class SignInController {

    static final String ENROL_SECRET = SignInController.class.getName() + ".secret";

    private final SignIn signIn;
    private final UserAccounts accounts;
    private final TotpSecrets secrets;
    private final SecuritySettings settings;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final RequestCache requestCache = new HttpSessionRequestCache();

    SignInController(SignIn signIn, UserAccounts accounts, TotpSecrets secrets, SecuritySettings settings) {
        this.signIn = signIn;
        this.accounts = accounts;
        this.secrets = secrets;
        this.settings = settings;
    }

    @GetMapping("/login")
    String login(HttpServletRequest request, Model model) {
        if (CurrentUser.find().isPresent()) {
            return "redirect:/";
        }
        model.addAttribute("error", request.getParameter("error") != null);
        model.addAttribute("loggedOut", request.getParameter("logout") != null);
        model.addAttribute("disabled", request.getParameter("disabled") != null);
        return "security/login";
    }

    @GetMapping("/login/second-factor")
    String secondFactor(Authentication auth, Model model) {
        PendingSignIn pending = (PendingSignIn) auth.getPrincipal();
        if (!pending.enrolled()) {
            return "redirect:/login/enrol";
        }
        return "security/second-factor";
    }

    @PostMapping("/login/second-factor")
    String verify(@RequestParam(defaultValue = "") String code, Authentication auth, HttpServletRequest request,
            HttpServletResponse response, Model model) throws IOException {
        PendingSignIn pending = (PendingSignIn) auth.getPrincipal();
        if (signIn.checkSecondFactor(pending.userId(), code, "web")) {
            return complete(pending.userId(), request, response);
        }
        if (signIn.locked(pending.userId())) {
            return abandon(request);
        }
        model.addAttribute("codeError", true);
        return "security/second-factor";
    }

    @GetMapping("/login/enrol")
    String enrol(Authentication auth, HttpSession session, Model model) {
        PendingSignIn pending = (PendingSignIn) auth.getPrincipal();
        if (pending.enrolled()) {
            return "redirect:/login/second-factor";
        }
        enrolmentModel(pending.userId(), session, model);
        return "security/enrol";
    }

    @PostMapping("/login/enrol")
    String confirmEnrolment(@RequestParam(defaultValue = "") String code, Authentication auth, HttpSession session,
            HttpServletRequest request, HttpServletResponse response, Model model) throws IOException {
        PendingSignIn pending = (PendingSignIn) auth.getPrincipal();
        byte[] secret = (byte[]) session.getAttribute(ENROL_SECRET);
        if (pending.enrolled() || secret == null) {
            return "redirect:/login/enrol";
        }
        if (signIn.enrol(pending.userId(), secret, code)) {
            session.removeAttribute(ENROL_SECRET);
            return complete(pending.userId(), request, response);
        }
        if (signIn.locked(pending.userId())) {
            return abandon(request);
        }
        enrolmentModel(pending.userId(), session, model);
        model.addAttribute("codeError", true);
        return "security/enrol";
    }

    private void enrolmentModel(UUID userId, HttpSession session, Model model) {
        // The new secret lives only in this session until the user proves they scanned it; then it is sealed and
        // stored. A fresh session (or sign-in) starts a fresh secret.
        byte[] secret = (byte[]) session.getAttribute(ENROL_SECRET);
        if (secret == null) {
            secret = secrets.generate();
            session.setAttribute(ENROL_SECRET, secret);
        }
        Account account = accounts.findById(userId).orElseThrow();
        String key = Totp.base32(secret);
        String issuer = settings.totpIssuer();
        String label = URLEncoder.encode(issuer + ":" + account.username(), StandardCharsets.UTF_8).replace("+", "%20");
        String uri = "otpauth://totp/" + label + "?secret=" + key + "&issuer="
                + URLEncoder.encode(issuer, StandardCharsets.UTF_8).replace("+", "%20")
                + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP_SECONDS;
        model.addAttribute("qr", QrCodes.pngDataUri(uri, 240));
        model.addAttribute("manualKey", key.replaceAll("(.{4})(?!$)", "$1 "));
    }

    /** Promotes the half-authenticated session to a full sign-in, with a new session id. */
    private String complete(UUID userId, HttpServletRequest request, HttpServletResponse response) {
        CurrentUser user = accounts.findById(userId).orElseThrow().toCurrentUser();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null,
                org.haven.security.Authorities.of(user)));
        SecurityContextHolder.setContext(context);
        request.changeSessionId();
        contexts.saveContext(context, request, response);
        signIn.succeeded(userId, "web");
        SavedRequest saved = requestCache.getRequest(request, response);
        if (saved != null) {
            requestCache.removeRequest(request, response);
            return "redirect:" + saved.getRedirectUrl();
        }
        return "redirect:/";
    }

    private String abandon(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        return "redirect:/login?error";
    }
}
