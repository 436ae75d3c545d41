package org.haven.referrals.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.haven.referrals.ServiceDirectory;
import org.haven.referrals.ServiceDirectory.PublishService;
import org.haven.referrals.ServiceDirectory.ServiceEntry;
import org.haven.referrals.ServiceDirectory.ServiceSearch;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** JSON API of the service directory under {@code /api/v1/services}; rules live in {@link ServiceDirectory}. */
@RestController
@RequestMapping("/api/v1/services")
class ServiceApiController {

    private final ServiceDirectory directory;

    ServiceApiController(ServiceDirectory directory) {
        this.directory = directory;
    }

    @GetMapping
    List<ServiceEntry> search(@RequestParam(required = false) String serviceType,
            @RequestParam(required = false) String place, @RequestParam(required = false) Integer age,
            @RequestParam(required = false) String sex, @RequestParam(required = false) String language,
            @RequestParam(required = false) Boolean withCapacity) {
        return directory.search(new ServiceSearch(serviceType, place, age, sex, language, withCapacity));
    }

    @GetMapping("/{id}")
    ServiceEntry find(@PathVariable UUID id) {
        return directory.find(id);
    }

    @PostMapping
    ResponseEntity<ServiceEntry> publish(@RequestBody PublishService body) {
        UUID id = directory.publish(body);
        return ResponseEntity.created(URI.create("/api/v1/services/" + id)).body(directory.find(id));
    }

    record CapacityUpdate(Integer capacityFree, Integer version) {
    }

    @PutMapping("/{id}/capacity")
    ServiceEntry capacity(@PathVariable UUID id, @RequestBody CapacityUpdate body) {
        directory.updateCapacity(id, body.capacityFree() == null ? -1 : body.capacityFree(),
                body.version() == null ? -1 : body.version());
        return directory.find(id);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> withdraw(@PathVariable UUID id) {
        directory.withdraw(id);
        return ResponseEntity.noContent().build();
    }
}
