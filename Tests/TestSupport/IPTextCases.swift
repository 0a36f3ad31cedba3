/// One way of writing an IP address or range, and whether iamquiz reads it as an address and as a policy value.
///
/// One table for every place that reads IP text: the condition operators (IAMPolicyTests), the sandbox's
/// `can --from` and a scenario's `source-ip:` and `private-ip:` (IAMWorldTests). They once had three
/// validators that disagreed (the sandbox took `010.0.0.1`, which `IpAddress` treats as invalid); the rows
/// marked "was:" name a disagreement. The rules are those of `IpAddress` on
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress
/// (RFC 4632 CIDR, RFC 4291 section 2.2 text forms).
public struct IPTextCase: Sendable, CustomStringConvertible {
    public let rule: String
    public let text: String
    /// Whether the text is one address: an `aws:SourceIp` request value, `--from`, `source-ip:`.
    public let isAddress: Bool
    /// Whether the text is a policy value of `IpAddress`: an address or a CIDR range.
    public let isRange: Bool

    init(_ rule: String, _ text: String, address: Bool, range: Bool) {
        self.rule = rule
        self.text = text
        isAddress = address
        isRange = range
    }

    /// Whether the text is one IPv4 address (an instance's `private-ip:`).
    public var isIPv4Address: Bool { isAddress && !text.contains(":") }

    public var description: String { "`\(text)`: \(rule)" }
}

public let ipTextCases: [IPTextCase] = [
    // IPv4: four decimal parts of 0 to 255.
    IPTextCase("a dotted quad is an address", "10.0.0.1", address: true, range: true),
    IPTextCase("every part may be 255", "255.255.255.255", address: true, range: true),
    IPTextCase("0.0.0.0 is an address", "0.0.0.0", address: true, range: true),
    IPTextCase("a part over 255 is not", "256.0.0.1", address: false, range: false),
    IPTextCase("three parts are not an address", "10.0.0", address: false, range: false),
    IPTextCase("five parts are not an address", "10.0.0.1.5", address: false, range: false),
    IPTextCase("a final dot is not part of an address", "10.0.0.1.", address: false, range: false),
    IPTextCase("leading zeros are not an address (was: the sandbox accepted it)", "010.0.0.1", address: false, range: false),
    IPTextCase("a leading zero in a middle part is not either", "10.00.0.1", address: false, range: false),
    IPTextCase("nor in the first part", "01.0.0.1", address: false, range: false),
    // IPv6: eight groups of 1 to 4 hex digits, `::` for one or more zero groups, maybe a dotted IPv4 tail.
    IPTextCase("IPv6 loopback", "::1", address: true, range: true),
    IPTextCase("`::` alone is the unspecified address", "::", address: true, range: true),
    IPTextCase("`::` in the middle", "2001:db8::8a2e:370:7334", address: true, range: true),
    IPTextCase("eight groups without `::`", "1:2:3:4:5:6:7:8", address: true, range: true),
    IPTextCase("hex digits in capitals", "2001:DB8::1", address: true, range: true),
    IPTextCase("an IPv4-mapped address with a dotted tail (was: the sandbox refused it)", "::ffff:192.0.2.1", address: true, range: true),
    IPTextCase("a dotted tail after groups (was: the sandbox refused it)", "64:ff9b::192.0.2.33", address: true, range: true),
    IPTextCase("nine groups are not an address", "1:2:3:4:5:6:7:8:9", address: false, range: false),
    IPTextCase("`::` stands for at least one group: not with eight others (was: the sandbox accepted it)", "1:2:3:4:5:6:7::8",
               address: false, range: false),
    IPTextCase("a final single colon is not part of an address (was: the sandbox accepted it)", "1:2:3:4:5:6:7:8:",
               address: false, range: false),
    IPTextCase("a leading single colon is not either (was: the sandbox accepted it)", ":1:2:3:4:5:6:7:8", address: false, range: false),
    IPTextCase("`::` at most once", "1::2::3", address: false, range: false),
    IPTextCase("a group has at most four hex digits", "12345::1", address: false, range: false),
    IPTextCase("fullwidth hex digits are not ASCII hex (was: the sandbox and scenario files accepted it)", "::\u{FF46}",
               address: false, range: false),
    IPTextCase("a dotted tail follows the IPv4 rules: no leading zeros", "::ffff:010.0.0.1", address: false, range: false),
    IPTextCase("a zone identifier is not part of an address", "fe80::1%eth0", address: false, range: false),
    // Not addresses at all.
    IPTextCase("a host name is not an address", "host", address: false, range: false),
    IPTextCase("nothing is not an address", "", address: false, range: false),
    // CIDR: a policy value may add `/prefix`; a request value (or `--from`) is one address.
    IPTextCase("an IPv4 CIDR range is a policy value, not an address", "203.0.113.0/24", address: false, range: true),
    IPTextCase("/0 is every IPv4 address", "0.0.0.0/0", address: false, range: true),
    IPTextCase("an IPv6 CIDR range", "2001:db8::/32", address: false, range: true),
    IPTextCase("an IPv4-mapped CIDR range", "::ffff:203.0.113.0/120", address: false, range: true),
    IPTextCase("an IPv4 prefix is at most 32", "10.0.0.0/33", address: false, range: false),
    IPTextCase("an IPv6 prefix is at most 128", "2001:db8::/129", address: false, range: false),
    IPTextCase("a prefix has no leading zero", "10.0.0.0/08", address: false, range: false),
    IPTextCase("a slash needs a prefix", "10.0.0.0/", address: false, range: false),
    IPTextCase("a range's address follows the address rules", "010.0.0.0/8", address: false, range: false),
]
