package org.haven.web;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** How a Jackson failure becomes a field path and a kind of value, without the application. */
class ApiErrorPathsTests {

    enum Colour { RED, GREEN }

    record Service(String type, LocalDate startedOn, Integer count, Colour colour, UUID provider) {
    }

    record Body(String name, List<Service> services) {
    }

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static MismatchedInputException failure(JsonMapper mapper, String json) {
        return catchThrowableOfType(MismatchedInputException.class, () -> mapper.readValue(json, Body.class));
    }

    @Test
    void aValueInsideAListNamesItsIndex() {
        MismatchedInputException e = failure(MAPPER,
                "{\"services\":[{\"type\":\"A\"},{\"type\":\"B\"},{\"startedOn\":\"2026-13-45\"}]}");
        assertThat(ApiExceptionHandler.path(e)).isEqualTo("services[2].startedOn");
        assertThat(ApiExceptionHandler.kind(e.getTargetType())).isEqualTo("date");
    }

    @Test
    void eachWrongShapeHasItsKind() {
        assertThat(ApiExceptionHandler.kind(failure(MAPPER, "{\"services\":[{\"count\":\"many\"}]}").getTargetType()))
                .isEqualTo("integer");
        MismatchedInputException colour = failure(MAPPER, "{\"services\":[{\"colour\":\"PURPLE\"}]}");
        assertThat(colour).isInstanceOf(InvalidFormatException.class);
        assertThat(ApiExceptionHandler.path(colour)).isEqualTo("services[0].colour");
        assertThat(ApiExceptionHandler.kind(colour.getTargetType())).isEqualTo("code");
        assertThat(ApiExceptionHandler.kind(failure(MAPPER, "{\"services\":[{\"provider\":\"nope\"}]}").getTargetType()))
                .isEqualTo("uuid");
        assertThat(ApiExceptionHandler.kind(failure(MAPPER, "{\"services\":{\"type\":\"A\"}}").getTargetType()))
                .isEqualTo("list");
        assertThat(ApiExceptionHandler.kind(failure(MAPPER, "{\"services\":[7]}").getTargetType())).isEqualTo("object");
        assertThat(ApiExceptionHandler.kind(failure(MAPPER, "{\"name\":{\"a\":1}}").getTargetType())).isEqualTo("text");
        assertThat(ApiExceptionHandler.kind(null)).isEqualTo("invalid");
    }

    @Test
    void anUnknownFieldIsNamedWhenUnknownFieldsAreRefused() {
        JsonMapper strict = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        MismatchedInputException e = failure(strict, "{\"services\":[{\"typo\":\"A\"}]}");
        assertThat(e).isInstanceOf(UnrecognizedPropertyException.class);
        assertThat(ApiExceptionHandler.path(e)).isEqualTo("services[0].typo");
    }

    @Test
    void brokenSyntaxIsNotAMismatchedValue() {
        Throwable e = catchThrowableOfType(JacksonException.class, () -> MAPPER.readValue("{\"name\": 'x'}", Body.class));
        assertThat(e).isNotInstanceOf(MismatchedInputException.class);
    }
}
