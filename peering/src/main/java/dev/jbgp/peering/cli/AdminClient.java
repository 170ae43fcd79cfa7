package dev.jbgp.peering.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.net.InetAddresses;
import dev.jbgp.peering.admin.AdminJson;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** Reads a running daemon's admin API for the {@code jbgp} commands that show its state. */
final class AdminClient {
    /** As long as calicoctl waits for BIRD to answer, and a little more for a large route list. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    private final InetSocketAddress address;

    AdminClient(InetSocketAddress address) {
        this.address = address;
    }

    /** Where it connects, as {@code 127.0.0.1:9179}. */
    String where() {
        return InetAddresses.toUriString(address.getAddress()) + ":" + address.getPort();
    }

    /** GETs {@code pathAndQuery} and reads the JSON answer as {@code type}. */
    <T> T get(String pathAndQuery, TypeReference<T> type) throws NotRunning, Failed {
        URI uri = URI.create("http://" + where() + pathAndQuery);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(ANSWER_TIMEOUT)
                .header("Accept", "application/json").GET().build();
        HttpResponse<String> response;
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build()) {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new NotRunning(where() + ": " + (e.getMessage() == null ? "connection refused" : e.getMessage()));
        } catch (HttpTimeoutException e) {
            throw new Failed("no answer from " + where() + " within " + ANSWER_TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            throw new Failed("cannot read " + uri + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("interrupted while reading " + uri);
        }
        if (response.statusCode() != 200) {
            throw new Failed(where() + " answered " + response.statusCode() + ": " + errorText(response.body()));
        }
        try {
            return AdminJson.mapper().readValue(response.body(), type);
        } catch (JacksonException e) {
            throw new Failed("the answer from " + uri + " is not what jbgp serves: " + e.getOriginalMessage());
        }
    }

    /** The {@code error} of a JSON error answer, else the body as it is. */
    private static String errorText(String body) {
        try {
            JsonNode error = AdminJson.mapper().readTree(body).get("error");
            if (error != null && error.isTextual()) {
                return error.asText();
            }
        } catch (JacksonException e) {
            // Not JSON: show it as it came.
        }
        return body.strip();
    }

    /** Nothing listens at the address: no daemon runs there. */
    static final class NotRunning extends Exception {
        NotRunning(String message) {
            super(message);
        }
    }

    /** Something answered, but not with what was asked for. */
    static final class Failed extends Exception {
        Failed(String message) {
            super(message);
        }
    }
}
