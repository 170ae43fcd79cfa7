package dev.jbgp.peering.admin;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.google.common.net.InetAddresses;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The JSON of the admin API, shared by the server and the {@code jbgp} commands that read it:
 * the records' own fields, addresses as text ({@code "198.19.0.3"}, {@code "fd00::3"}, never a
 * host name and never a DNS lookup), instants as ISO-8601 ({@code "2026-11-20T22:05:49Z"}).
 * Readers ignore fields they do not know, so a newer daemon can add some.
 */
public final class AdminJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new SimpleModule("jbgp-admin")
                    .addSerializer(InetAddress.class, new AddressSerializer())
                    .addDeserializer(InetAddress.class, new AddressDeserializer())
                    .addSerializer(Instant.class, new InstantSerializer())
                    .addDeserializer(Instant.class, new InstantDeserializer()))
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private AdminJson() {
    }

    /** The configured mapper; thread-safe, as Jackson's mappers are once configured. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static final class AddressSerializer extends JsonSerializer<InetAddress> {
        @Override
        public void serialize(InetAddress value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(InetAddresses.toAddrString(value));
        }
    }

    private static final class AddressDeserializer extends JsonDeserializer<InetAddress> {
        @Override
        public InetAddress deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            try {
                return InetAddresses.forString(text);
            } catch (IllegalArgumentException e) {
                return (InetAddress) ctxt.handleWeirdStringValue(InetAddress.class, text, "not an IP address");
            }
        }
    }

    private static final class InstantSerializer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.toString());
        }
    }

    private static final class InstantDeserializer extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                return (Instant) ctxt.handleWeirdStringValue(Instant.class, text, "not an ISO-8601 instant");
            }
        }
    }
}
