package dev.jbgp.peering.cli;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jbgp.core.AfiSafi;
import dev.jbgp.core.attribute.AttributeInterner;
import dev.jbgp.core.codec.CodecContext;
import dev.jbgp.core.codec.DecodeResult;
import dev.jbgp.core.codec.MessageDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code jbgp decode}: BGP messages in hex, from the arguments or standard input, to JSON.
 * Messages back to back are decoded one after the other. Exit status 0 when every message
 * decoded cleanly, 1 when any was malformed, 2 for a usage error.
 */
final class DecodeCommand {
    static final String USAGE = """
            usage: jbgp decode [--as2] [--add-path ipv4|ipv6]... [--extended-message] [HEX...]

            Decodes BGP messages given in hex (as arguments, or on standard input without them)
            and prints them as JSON: an object for one message, an array for several.
            Accepted: plain hex (spaces, newlines, colons, 0x prefixes allowed), Wireshark
            "Copy as Hex Dump", tcpdump -X / -xx, xxd and hexdump -C output; lines starting
            with '#' are comments. A captured packet is read from its first BGP marker.

              --as2                 the session did not negotiate 4-octet AS numbers (RFC 6793)
              --add-path FAMILY     NLRI of FAMILY (ipv4, ipv6) carry path identifiers (RFC 7911)
              --extended-message    messages may be up to 65535 octets (RFC 8654)

            Exit status: 0 all messages decoded cleanly, 1 a message was malformed, 2 usage error.
            """;

    static final int OK = 0;
    static final int MALFORMED = 1;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private DecodeCommand() {
    }

    static int run(List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
        CodecContext context = CodecContext.DEFAULT;
        Set<AfiSafi> addPath = new LinkedHashSet<>();
        List<String> hex = new ArrayList<>();
        try {
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (arg.equals("--as2")) {
                    context = context.withFourOctetAs(false);
                } else if (arg.equals("--extended-message")) {
                    context = context.withExtendedMessage(true);
                } else if (arg.equals("--add-path")) {
                    if (i + 1 == args.size()) {
                        throw new IllegalArgumentException("--add-path needs a family: ipv4 or ipv6");
                    }
                    addPath.add(family(args.get(++i)));
                } else if (arg.startsWith("--add-path=")) {
                    addPath.add(family(arg.substring("--add-path=".length())));
                } else if (arg.equals("-h") || arg.equals("--help")) {
                    out.print(USAGE);
                    return OK;
                } else if (arg.equals("--")) {
                    hex.addAll(args.subList(i + 1, args.size()));
                    break;
                } else if (arg.startsWith("-") && !arg.equals("-")) {
                    throw new IllegalArgumentException("unknown option " + arg);
                } else if (!arg.equals("-")) {
                    hex.add(arg);
                }
            }
            context = context.withAddPath(addPath);
            String text = hex.isEmpty() ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8) : String.join("\n", hex);
            HexInput.Parsed input = HexInput.parse(text);
            input.notes().forEach(note -> err.println("jbgp decode: " + note));
            return decode(input.bytes(), context, out);
        } catch (IllegalArgumentException e) {
            err.println("jbgp decode: " + e.getMessage());
            err.println("Try 'jbgp decode --help'.");
            return Jbgp.USAGE_ERROR;
        } catch (IOException e) {
            err.println("jbgp decode: cannot read standard input: " + e.getMessage());
            return Jbgp.USAGE_ERROR;
        }
    }

    private static int decode(byte[] bytes, CodecContext context, PrintStream out) {
        MessageDecoder decoder = new MessageDecoder(context, AttributeInterner.none());
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        List<ObjectNode> messages = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        boolean malformed = false;
        while (in.isReadable()) {
            int offset = in.readerIndex();
            MessageJson.Header header = header(in, decoder);
            DecodeResult result = decoder.decode(in); // moves the reader index past the message
            malformed |= MessageJson.malformed(result);
            messages.add(MessageJson.of(result, header));
            offsets.add(offset);
        }
        JsonNode output;
        if (messages.size() == 1) {
            output = messages.getFirst();
        } else {
            ArrayNode array = JSON.arrayNode(messages.size());
            for (int i = 0; i < messages.size(); i++) {
                ObjectNode withOffset = JSON.objectNode();
                withOffset.put("offset", offsets.get(i));
                withOffset.setAll(messages.get(i));
                array.add(withOffset);
            }
            output = array;
        }
        try {
            out.println(writer().writeValueAsString(output));
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
        return malformed ? MALFORMED : OK;
    }

    /** The header's Length field and Type octet, read before the decoder moves past them. */
    private static MessageJson.Header header(ByteBuf in, MessageDecoder decoder) {
        int start = in.readerIndex();
        int length = in.readableBytes() >= MessageDecoder.MARKER_LENGTH + 2
                ? in.getUnsignedShort(start + MessageDecoder.MARKER_LENGTH) : -1;
        // frameLength is -1 for a cut-off header; it reports a bad marker as a 19-octet frame.
        boolean markerOk = decoder.frameLength(in) >= 0 && markerOk(in, start);
        int type = markerOk ? in.getUnsignedByte(start + MessageDecoder.MARKER_LENGTH + 2) : -1;
        return new MessageJson.Header(length, type);
    }

    private static boolean markerOk(ByteBuf in, int start) {
        for (int i = 0; i < MessageDecoder.MARKER_LENGTH; i++) {
            if (in.getByte(start + i) != (byte) 0xFF) {
                return false;
            }
        }
        return true;
    }

    private static AfiSafi family(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "ipv4", "ipv4-unicast" -> AfiSafi.IPV4_UNICAST;
            case "ipv6", "ipv6-unicast" -> AfiSafi.IPV6_UNICAST;
            case "ipv4-multicast" -> new AfiSafi(AfiSafi.AFI_IPV4, AfiSafi.SAFI_MULTICAST);
            case "ipv6-multicast" -> new AfiSafi(AfiSafi.AFI_IPV6, AfiSafi.SAFI_MULTICAST);
            default -> throw new IllegalArgumentException("unknown address family for --add-path: " + name
                    + " (ipv4 or ipv6)");
        };
    }

    /** Two-space indents, {@code "key": value}, one array element per line. */
    private static ObjectWriter writer() {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator(""))
                .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
        return new ObjectMapper().writer(printer);
    }
}
