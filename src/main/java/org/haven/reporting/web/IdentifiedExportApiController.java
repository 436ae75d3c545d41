package org.haven.reporting.web;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.haven.reporting.IdentifiedExports;
import org.haven.reporting.IdentifiedExports.ExportRequest;
import org.haven.shared.web.InvalidInput;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Identified exports as JSON under {@code /api/v1/reports/identified-exports}: list the organisation's requests,
 * request one by case codes, approve or refuse (a second person), download (the requester, once). As on the pages,
 * the request id and the password travel in the request body, never in the URL or the query string, so neither
 * appears in access logs; the password is bound straight to a char array and wiped by the service.
 */
@RestController
@RequestMapping("/api/v1/reports/identified-exports")
@PreAuthorize("hasAnyAuthority('CASE_READ', 'CASE_SUPERVISE', 'ADMIN_ORGANISATION')")
class IdentifiedExportApiController {

    record NewRequest(List<String> caseCodes, String proceedingReference, String purpose) {
    }

    record Decision(UUID id, Integer version) {
    }

    /** The password as characters (JSON string), so it never becomes a {@link String} here. */
    record Download(UUID id, char[] password) {

        @Override
        public String toString() {
            return "Download[id=" + id + "]";
        }
    }

    private final IdentifiedExports exports;

    IdentifiedExportApiController(IdentifiedExports exports) {
        this.exports = exports;
    }

    @GetMapping
    List<ExportRequest> list() {
        return exports.list();
    }

    @PostMapping
    @PreAuthorize("hasAuthority('CASE_READ')")
    ResponseEntity<ExportRequest> request(@RequestBody NewRequest body) {
        UUID id = exports.requestByCodes(body.caseCodes(), body.proceedingReference(), body.purpose());
        return ResponseEntity.status(HttpStatus.CREATED).body(exports.get(id));
    }

    @PostMapping("/approve")
    @PreAuthorize("hasAnyAuthority('CASE_SUPERVISE', 'ADMIN_ORGANISATION')")
    ExportRequest approve(@RequestBody Decision body) {
        exports.approve(id(body.id()), version(body.version()));
        return exports.get(body.id());
    }

    @PostMapping("/refuse")
    @PreAuthorize("hasAnyAuthority('CASE_SUPERVISE', 'ADMIN_ORGANISATION')")
    ExportRequest refuse(@RequestBody Decision body) {
        exports.refuse(id(body.id()), version(body.version()));
        return exports.get(body.id());
    }

    /** The AES-256 encrypted ZIP; body {@code {"id": "…", "password": "…"}}. */
    @PostMapping("/download")
    @PreAuthorize("hasAuthority('CASE_READ')")
    ResponseEntity<byte[]> download(@RequestBody Download body) {
        char[] password = body.password();
        try {
            IdentifiedExports.ExportFile file = exports.download(id(body.id()), password, "api");
            return ReportsController.download(file.content(), file.fileName(),
                    MediaType.parseMediaType("application/zip"));
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    private static UUID id(UUID id) {
        if (id == null) {
            throw InvalidInput.of("id", "reporting.identified.id.missing", "Give the id of the export request.");
        }
        return id;
    }

    private static int version(Integer version) {
        if (version == null) {
            throw InvalidInput.of("version", "reporting.identified.version.missing",
                    "Give the version of the export request you decide on.");
        }
        return version;
    }
}
