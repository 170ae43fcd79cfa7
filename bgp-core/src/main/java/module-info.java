/**
 * The BGP-4 wire format. Messages, capabilities and path attributes are immutable records;
 * {@link dev.jbgp.core.codec.MessageDecoder} turns bytes into a message or a classified
 * error, {@link dev.jbgp.core.codec.MessageEncoder} writes a message into a pooled buffer.
 */
module dev.jbgp.core {
    requires transitive io.netty.buffer;
    requires io.netty.common;
    requires com.google.common;

    exports dev.jbgp.core;
    exports dev.jbgp.core.attribute;
    exports dev.jbgp.core.capability;
    exports dev.jbgp.core.message;
    exports dev.jbgp.core.codec;
}
