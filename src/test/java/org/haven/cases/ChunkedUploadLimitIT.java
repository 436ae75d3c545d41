package org.haven.cases;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.haven.HavenIntegrationTest;
import org.haven.security.CurrentUser;
import org.haven.security.OrganisationType;
import org.haven.security.Role;
import org.haven.security.SignInSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An upload sent chunked (no Content-Length, so the size guard cannot refuse it up front) that is over the multipart
 * limit gets the same answer as one with a declared length: 413 problem+json naming the field on the API, in the
 * caller's language; on the page a redirect to the case page whose attachment form shows the message. Over real
 * HTTP: MockMvc neither chunks nor enforces the multipart limit.
 */
@HavenIntegrationTest
class ChunkedUploadLimitIT {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    CaseManagement cases;
    @Autowired
    ApplicationContext context;
    @LocalServerPort
    int port;

    HttpClient http;
    String base;
    UUID caseId;
    String token;

    @BeforeEach
    void setUp() throws Exception {
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        base = "http://127.0.0.1:" + port;
        SignInSupport signIn = new SignInSupport(context);
        SignInSupport.TestUser worker = signIn.user(signIn.organisation(OrganisationType.SHELTER), Role.CASEWORKER);
        CurrentUser fixtureUser = new CurrentUser(worker.id(), worker.username(), "Test User", worker.organisationId(),
                OrganisationType.SHELTER, "KH", Set.of(Role.CASEWORKER));
        caseId = new CaseFixtures(cases).anOpenCase(fixtureUser).caseId();
        String login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + worker.username() + "\",\"password\":\"" + SignInSupport.PASSWORD + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(login);
        assertThat(m.find()).as(login).isTrue();
        token = m.group(1);
    }

    private int attachments() {
        return jdbc.sql("select count(*) from case_attachment where case_id = ?").param(caseId).query(Integer.class).single();
    }

    @Test
    void aChunkedApiUploadOverTheLimitIs413NamingTheFieldInTheCallersLanguage() throws Exception {
        for (int size : new int[] {8_000_000, 12_000_000}) {
            HttpResponse<String> km = http.send(chunked(base + "/api/v1/cases/" + caseId + "/attachments", size)
                    .header("Authorization", "Bearer " + token).header("Accept-Language", "km").build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(km.statusCode()).as(km.body()).isEqualTo(413);
            assertThat(km.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(km.body()).contains("\"field\":\"file\"").contains("cases.error.fileTooLarge").contains("ឯកសារធំពេក");
        }
        HttpResponse<String> en = http.send(chunked(base + "/api/v1/cases/" + caseId + "/attachments", 8_000_000)
                .header("Authorization", "Bearer " + token).header("Accept-Language", "en").build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(en.statusCode()).as(en.body()).isEqualTo(413);
        assertThat(en.body()).contains("\"field\":\"file\"").contains("The file is too large");
        assertThat(attachments()).isZero();

        // Chunked but small: parsed, checked and stored as usual.
        HttpResponse<String> small = http.send(chunked(base + "/api/v1/cases/" + caseId + "/attachments", 0)
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(small.statusCode()).as(small.body()).isEqualTo(201);
        // Chunked, within the multipart limit, over the attachment limit: the attachment check's field error.
        HttpResponse<String> over = http.send(chunked(base + "/api/v1/cases/" + caseId + "/attachments", 5_260_000)
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(over.statusCode()).as(over.body()).isEqualTo(400);
        assertThat(over.body()).contains("\"field\":\"file\"").contains("cases.error.fileTooLarge");
        assertThat(attachments()).isEqualTo(1);
    }

    @Test
    void aChunkedPageUploadOverTheLimitReturnsToTheCasePageWithTheMessage() throws Exception {
        HttpResponse<String> page = http.send(chunked(base + "/cases/" + caseId + "/attachments", 12_000_000).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location").orElseThrow())
                .endsWith("/cases/" + caseId + "?upload=tooLarge#attachments");
        assertThat(attachments()).isZero();
    }

    /** A multipart upload of a PNG padded to about {@code size} bytes (0: a small valid PNG), sent without a length. */
    private static HttpRequest.Builder chunked(String url, int size) throws Exception {
        String boundary = "HavenTestBoundary" + UUID.randomUUID().toString().replace("-", "");
        byte[] png = CaseAuthorizationIT.png();
        byte[] content = size <= png.length ? png : java.util.Arrays.copyOf(png, size);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"scan.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        byte[] bytes = body.toByteArray();
        // ofInputStream has no known length: the client sends Transfer-Encoding: chunked.
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)));
    }
}
