package dev.jbgp.peering.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Calico resources from multi-document YAML, the way {@code calicoctl apply -f} takes
 * them: {@code projectcalico.org/v3} BGPConfiguration, Node, BGPPeer, IPPool and IPAMBlock,
 * and {@code v1} Secret for passwords; {@code List} and {@code <Kind>List} documents (what
 * {@code kubectl get -o yaml} and {@code calicoctl get -o yaml} print) are opened up.
 *
 * <p>Fields jbgp does not use are ignored; kinds it does not use are logged and skipped. Every
 * bad field of every resource is reported at once, in a {@link ConfigException} whose message
 * names the kind, resource, field and value. Nothing is returned unless all is well, so a
 * caller that keeps its last good {@link Resources} never runs on half a file.
 */
public final class ResourceLoader {
    private static final System.Logger LOG = System.getLogger(ResourceLoader.class.getName());

    /** Larger files are refused unread: a Calico configuration is a few kilobytes. */
    public static final long MAX_FILE_BYTES = 16L << 20;

    static final String CALICO_API = "projectcalico.org/v3";
    /** How the same kinds read through their CRDs ({@code kubectl get bgppeers -o yaml}). */
    static final String CALICO_CRD_API = "crd.projectcalico.org/v1";
    static final Set<String> CALICO_KINDS = Set.of("BGPConfiguration", "Node", "BGPPeer", "IPPool", "IPAMBlock");

    private static final ObjectMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    private ResourceLoader() {
    }

    /** Reads and checks {@code file}. */
    public static Resources load(Path file) throws ConfigException {
        return parse(read(file), file.toString());
    }

    /** The file's text; refused when it is too large, not UTF-8, or cannot be read. */
    static String read(Path file) throws ConfigException {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw fileError(file + " is " + size + " bytes, more than the " + MAX_FILE_BYTES + " a configuration may have");
            }
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw fileError("cannot read " + file + ": no such file");
        } catch (CharacterCodingException e) {
            throw fileError(file + " is not UTF-8 text");
        } catch (IOException e) {
            throw fileError("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Parses and checks YAML text; {@code source} names it in messages (a file name). */
    public static Resources parse(String yaml, String source) throws ConfigException {
        List<JsonNode> documents = new ArrayList<>();
        // One tree per document; a document that is a list stays one tree (readValues would open it up).
        try (JsonParser parser = YAML.createParser(yaml)) {
            while (parser.nextToken() != null) {
                documents.add(YAML.readTree(parser));
            }
        } catch (JsonProcessingException e) {
            throw fileError(source + ": " + location(e.getLocation()) + problem(e.getOriginalMessage()));
        } catch (IOException | RuntimeException e) {
            // SnakeYAML reports some syntax errors unwrapped; they are still the file's fault.
            throw fileError(source + ": not valid YAML: " + e.getMessage());
        }
        return fromDocuments(documents, source);
    }

    public static Resources parse(String yaml) throws ConfigException {
        return parse(yaml, "configuration");
    }

    /**
     * Decodes and checks resources another source has already parsed, each a map as JSON or
     * YAML reads into one (a Kubernetes client's generic resources converted to maps);
     * {@code source} names them in messages.
     */
    public static Resources fromMaps(List<? extends Map<String, ?>> documents, String source) throws ConfigException {
        List<JsonNode> trees = new ArrayList<>(documents.size());
        for (Map<String, ?> d : documents) {
            trees.add(YAML.valueToTree(d));
        }
        return fromDocuments(trees, source);
    }

    static Resources fromDocuments(List<JsonNode> documents, String source) throws ConfigException {
        Collector c = new Collector(source);
        for (int i = 0; i < documents.size(); i++) {
            c.document(documents.get(i), i + 1);
        }
        if (!c.errors.isEmpty()) {
            throw new ConfigException(c.errors);
        }
        Resources resources = new Resources(c.configurations, c.nodes, c.peers, c.pools, c.blocks, c.secrets);
        ResourceChecks.check(resources);
        return resources;
    }

    private static String location(JsonLocation at) {
        return at == null || at.getLineNr() < 1 ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
    }

    /**
     * SnakeYAML's message without the lines that quote the file and point at the column (the
     * location is given already): {@code while parsing a flow sequence; expected ',' or ']', but got }}.
     */
    static String problem(String message) {
        StringBuilder s = new StringBuilder();
        for (String line : message.split("\n")) {
            if (line.isBlank() || line.startsWith(" in ") || line.startsWith("    ")) {
                continue;
            }
            s.append(s.isEmpty() ? "" : "; ").append(line.strip());
        }
        return s.toString();
    }

    private static ConfigException fileError(String message) {
        return new ConfigException(new ResourceError(null, null, null, null, message));
    }

    /** Gathers the records and errors of the documents, in order. */
    private static final class Collector {
        final String source;
        final List<ResourceError> errors = new ArrayList<>();
        final List<BgpConfiguration> configurations = new ArrayList<>();
        final List<Node> nodes = new ArrayList<>();
        final List<BgpPeer> peers = new ArrayList<>();
        final List<IpPool> pools = new ArrayList<>();
        final List<IpamBlock> blocks = new ArrayList<>();
        final List<Secret> secrets = new ArrayList<>();

        Collector(String source) {
            this.source = source;
        }

        void document(JsonNode doc, int number) {
            if (doc == null || doc.isNull() || doc.isMissingNode() || (doc.isTextual() && doc.textValue().isEmpty())) {
                return; // an empty document, as after a last "---"
            }
            String where = "document " + number + " of " + source;
            if (!doc.isObject()) {
                errors.add(new ResourceError(null, null, null, FieldReader.render(doc), "is not a resource (" + where + ")"));
                return;
            }
            JsonNode kindNode = FieldReader.child(doc, "kind");
            if (kindNode == null || !kindNode.isTextual() || kindNode.textValue().isEmpty()) {
                errors.add(new ResourceError(null, null, "kind", FieldReader.render(kindNode),
                        (kindNode == null ? "is required" : "is not a kind") + " (" + where + ")"));
                return;
            }
            String kind = kindNode.textValue();
            JsonNode items = FieldReader.child(doc, "items");
            if (kind.equals("List") || (kind.endsWith("List") && items != null)) {
                if (items == null || !items.isArray()) {
                    errors.add(new ResourceError(kind, null, "items", FieldReader.render(items),
                            "is not a list of resources (" + where + ")"));
                    return;
                }
                for (JsonNode item : items) {
                    document(itemOf(item, kind, FieldReader.child(doc, "apiVersion")), number);
                }
                return;
            }
            JsonNode metadata = FieldReader.child(doc, "metadata");
            JsonNode nameNode = FieldReader.child(metadata, "name");
            String name = nameNode != null && nameNode.isTextual() && !nameNode.textValue().isEmpty()
                    ? nameNode.textValue() : null;
            boolean known = CALICO_KINDS.contains(kind) || kind.equals("Secret");
            if (!known) {
                LOG.log(Level.INFO, "{0}: skipping {1} \"{2}\": jbgp does not read that kind", source, kind, name);
                return;
            }
            FieldReader r = new FieldReader(kind, name, errors);
            String apiVersion = r.string(doc, "apiVersion", "apiVersion");
            String expected = kind.equals("Secret") ? "v1" : CALICO_API;
            if (apiVersion == null && FieldReader.child(doc, "apiVersion") == null) {
                r.error("apiVersion", "is required (" + expected + ")");
            } else if (apiVersion != null && !apiVersion.equals(expected)
                    && !(CALICO_KINDS.contains(kind) && apiVersion.equals(CALICO_CRD_API))) {
                r.error("apiVersion", FieldReader.child(doc, "apiVersion"), "is not " + expected);
            }
            if (metadata != null && !metadata.isObject()) {
                r.error("metadata", metadata, "is not a mapping");
            }
            if (name == null) {
                r.error("metadata.name", nameNode, (nameNode == null ? "is required" : "is not a name") + " (" + where + ")");
                return;
            }
            JsonNode spec = r.object(doc, "spec", "spec");
            JsonNode emptySpec = YAML.createObjectNode();
            JsonNode s = spec == null ? emptySpec : spec;
            int before = errors.size();
            switch (kind) {
                case "BGPConfiguration" -> add(configurations, ResourceDecoder.bgpConfiguration(name, s, r), before);
                case "Node" -> {
                    Map<String, String> labels = r.stringMap(metadata, "labels", "metadata.labels");
                    add(nodes, ResourceDecoder.node(name, labels, s, r), before);
                }
                case "BGPPeer" -> add(peers, ResourceDecoder.bgpPeer(name, s, r), before);
                case "IPPool" -> add(pools, ResourceDecoder.ipPool(name, s, r), before);
                case "IPAMBlock" -> add(blocks, ResourceDecoder.ipamBlock(name, s, r), before);
                case "Secret" -> add(secrets, ResourceDecoder.secret(name,
                        r.string(metadata, "namespace", "metadata.namespace"), doc, r), before);
                default -> throw new AssertionError(kind);
            }
        }

        /** Calico's {@code <Kind>List} items may leave out their kind and apiVersion: they are the list's. */
        private static JsonNode itemOf(JsonNode item, String listKind, JsonNode listApiVersion) {
            if (!item.isObject() || listKind.equals("List")) {
                return item;
            }
            ObjectNode copy = ((ObjectNode) item).deepCopy();
            if (FieldReader.child(item, "kind") == null) {
                copy.put("kind", listKind.substring(0, listKind.length() - "List".length()));
            }
            if (FieldReader.child(item, "apiVersion") == null && listApiVersion != null) {
                copy.set("apiVersion", listApiVersion);
            }
            return copy;
        }

        private <T> void add(List<T> list, T resource, int errorsBefore) {
            if (resource != null && errors.size() == errorsBefore) {
                list.add(resource);
            }
        }
    }
}
