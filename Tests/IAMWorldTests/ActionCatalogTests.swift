import Testing
@testable import IAMWorld

@Suite("The IAM action catalog (sandbox completion)")
struct ActionCatalogTests {
    let catalog = ActionCatalog.builtIn

    @Test("the catalog is embedded and lists the services the bank uses, each with its reference page")
    func services() {
        let prefixes = catalog.services.map(\.prefix)
        for needed in ["sts", "iam", "s3", "dynamodb", "ec2", "kms", "organizations"] {
            #expect(prefixes.contains(needed), "missing \(needed)")
        }
        for service in catalog.services {
            #expect(service.reference.hasPrefix("https://docs.aws.amazon.com/service-authorization/"), "\(service.prefix)")
            #expect(!service.actions.isEmpty, "\(service.prefix) has no actions")
            // No action listed twice within a service.
            #expect(Set(service.actions.map(\.name)).count == service.actions.count, "\(service.prefix) repeats an action")
        }
        #expect(catalog.allActions.count > 500)
    }

    // Rule: IAM matches action names ignoring case; an unknown service is not judged.
    @Test("knows an action ignoring case, not an invented one, and does not judge unknown services",
          arguments: [
              ("sts:AssumeRole", true as Bool?),
              ("STS:assumerole", true),
              ("s3:GetObject", true),
              ("ec2:ReplaceIamInstanceProfileAssociation", true),
              ("s3:Get*", true),
              ("s3:GetObjectz", false),
              ("sts:AssumeRoleWithSaml2", false),
              ("madeup:DoThing", nil),
          ])
    func knows(action: String, expected: Bool?) {
        #expect(catalog.knows(action) == expected)
    }

    @Test("suggests the closest action of the same service for a misspelling")
    func suggestion() {
        #expect(catalog.suggestion(for: "s3:GetObjet") == "s3:GetObject")
        #expect(catalog.suggestion(for: "sts:AsumeRole") == "sts:AssumeRole")
    }

    @Test("malformed catalog lines are skipped, sections keep their actions")
    func parsing() {
        let parsed = ActionCatalog(parsing: """
            # comment
            orphan\tRead
            [abc] A Service | https://example.com/a
            One\tRead
            Two
            [def] D
            Three\tWrite
            """)
        #expect(parsed.services.map(\.prefix) == ["abc", "def"])
        #expect(parsed.allActions == ["abc:One", "abc:Two", "def:Three"])
        #expect(parsed.services[0].reference == "https://example.com/a")
    }
}
