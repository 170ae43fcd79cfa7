package dev.jbgp.core.capability;

/** The FQDN capability (draft-walton-bgp-hostname-capability, code 73): host and domain name. */
public record Fqdn(String hostname, String domain) implements Capability {
    public Fqdn {
        hostname = hostname == null ? "" : hostname;
        domain = domain == null ? "" : domain;
    }

    @Override
    public int code() {
        return FQDN;
    }
}
