@testable import IAMPolicy
import Testing

// The catalog's data comes from the AWS Service Authorization Reference
// (https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html,
// one `list_*.html` page per service) and, for `aws:` keys, the IAM User Guide's
// reference_policies_condition-keys.html.

@Suite("The catalog of actions and condition keys")
struct ServiceCatalogTests {
    let catalog = ServiceCatalog.builtIn

    // Rule: the catalog lists every service with all its actions (Service Authorization Reference); the
    // services the bank and the scenarios use must be there in full. Each row names an action the
    // catalog of 20 services lacked.
    @Test("lists the services the bank uses with all their actions, each with its reference page",
          arguments: [
              ("iam", "iam:PassRole"), ("sts", "sts:AssumeRoot"), ("s3", "s3:CreateAccessGrant"),
              ("kms", "kms:CreateCustomKeyStore"), ("ec2", "ec2:CreateVpc"), ("dynamodb", "dynamodb:CreateGlobalTable"),
              ("sqs", "sqs:ReceiveMessage"), ("sns", "sns:GetEndpointAttributes"), ("lambda", "lambda:AddLayerVersionPermission"),
              ("cloudwatch", "cloudwatch:CreateServiceLevelObjective"), ("logs", "logs:CancelExportTask"),
              ("cloudtrail", "cloudtrail:CreateChannel"), ("organizations", "organizations:DescribeOrganization"),
              ("sso", "sso:CreateApplication"), ("identitystore", "identitystore:CreateGroup"),
              ("secretsmanager", "secretsmanager:GetSecretValue"),
          ])
    func services(prefix: String, action: String) throws {
        let service = try #require(catalog.service(prefix), "missing \(prefix)")
        #expect(service.reference.hasPrefix("https://docs.aws.amazon.com/service-authorization/latest/reference/list_"))
        #expect(Set(service.actions.map { $0.name.lowercased() }).count == service.actions.count, "\(prefix) repeats an action")
        #expect(catalog.knows(action) == true)
    }

    @Test("every service of the reference is listed, each with actions and an access level for each")
    func everyService() {
        #expect(catalog.services.count > 400)
        #expect(catalog.allActions.count > 15_000)
        #expect(catalog.service("ec2")?.actions.count ?? 0 > 700)
        let levels: Set<String> = ["Read", "Write", "List", "Tagging", "Permissions management"]
        for service in catalog.services {
            #expect(!service.actions.isEmpty, "\(service.prefix) has no actions")
            #expect(service.actions.allSatisfy { levels.contains($0.accessLevel) }, "\(service.prefix)")
        }
    }

    // Rule: IAM matches action names ignoring case (reference_policies_elements_action.html); a pattern
    // is known when it matches a listed action; a service the catalog does not list is not judged.
    @Test("knows an action ignoring case, not an invented one, and does not judge unknown services",
          arguments: [
              ("sts:AssumeRole", true as Bool?),
              ("STS:assumerole", true),
              ("s3:GetObject", true),
              ("ec2:ReplaceIamInstanceProfileAssociation", true),
              ("s3:Get*", true),
              ("s3:?etObject", true),
              ("s3:Gett*", false),
              ("s3:GetObjectz", false),
              ("sts:AssumeRoleWithSaml2", false),
              ("madeup:DoThing", nil),
              ("no-colon", nil),
          ])
    func knows(action: String, expected: Bool?) {
        #expect(catalog.knows(action) == expected)
    }

    @Test("suggests the closest action of the same service, and the closest service prefix")
    func suggestion() {
        #expect(catalog.suggestion(for: "s3:GetObjet") == "s3:GetObject")
        #expect(catalog.suggestion(for: "s3:GetObjekt") == "s3:GetObject")
        #expect(catalog.suggestion(for: "sts:AsumeRole") == "sts:AssumeRole")
        #expect(catalog.suggestion(forService: "s3x") == "s3")
        #expect(catalog.suggestion(forService: "dynamdb") == "dynamodb")
    }

    // Rule: each condition key has a type ("Data type" on reference_policies_condition-keys.html for
    // `aws:` keys, the "Type" column of each service's condition keys table); key names ignore case.
    @Test("finds condition keys with their types, ignoring case",
          arguments: [
              ("aws:SourceIp", "IPAddress"), ("aws:sourceip", "IPAddress"), ("aws:CurrentTime", "Date"),
              ("aws:MultiFactorAuthPresent", "Bool"), ("aws:MultiFactorAuthAge", "Numeric"), ("aws:PrincipalArn", "ARN"),
              ("aws:TagKeys", "ArrayOfString"), ("aws:PrincipalOrgPaths", "ArrayOfString"), ("aws:EpochTime", "Date"),
              ("s3:prefix", "String"), ("s3:max-keys", "Numeric"), ("sts:ExternalId", "String"),
              ("sts:DurationSeconds", "Numeric"), ("kms:ViaService", "String"), ("iam:PassedToService", "String"),
              ("saml:aud", "String"), ("ec2:SourceInstanceArn", "ARN"),
          ])
    func conditionKeys(key: String, type: String) throws {
        let entry = try #require(catalog.conditionKey(key))
        #expect(entry.types.first?.description == type)
    }

    // Rule: a key such as `aws:PrincipalTag/tag-key` or `kms:EncryptionContext:encryption-context-key` takes a
    // name the author chooses (reference_policies_condition-keys.html, list_awskeymanagementservice.html).
    @Test("keys with a name of the author's choosing match any name there",
          arguments: ["aws:PrincipalTag/team", "AWS:principaltag/Cost-Center", "aws:RequestTag/env", "aws:ResourceTag/owner",
                      "s3:ExistingObjectTag/classification", "kms:EncryptionContext:department", "iam:ResourceTag/x"])
    func templateKeys(key: String) {
        #expect(catalog.conditionKey(key) != nil)
    }

    @Test("a global key has no owning service; a service key names its service")
    func owners() {
        #expect(catalog.conditionKey("aws:SourceIp")?.services == [])
        #expect(catalog.conditionKey("ec2:SourceInstanceArn")?.services == [])  // cross-service
        #expect(catalog.conditionKey("s3:prefix")?.services == ["s3"])
        #expect(catalog.conditionKey("aws:EpochTime")?.types.map(\.description) == ["Date", "Numeric"])
    }

    @Test("suggests a condition key, keeping the author's name in a key that takes one")
    func keySuggestion() {
        #expect(catalog.suggestion(forConditionKey: "aws:SourceIpp") == "aws:SourceIp")
        #expect(catalog.suggestion(forConditionKey: "aws:PrincipalTagg/team") == "aws:PrincipalTag/team")
        #expect(catalog.suggestion(forConditionKey: "s3:prefixx") == "s3:prefix")
        #expect(catalog.suggestion(forConditionKey: "sts:ExternalID2") == "sts:ExternalId")
    }

    @Test("malformed catalog lines are skipped, sections keep their entries")
    func parsing() {
        let parsed = ServiceCatalog(
            actions: """
                # comment
                orphan\tRead
                [abc] A Service | https://example.com/a
                One\tRead
                Two
                [def] D
                Three\tWrite
                """,
            conditionKeys: """
                [abc] A Service | https://example.com/a
                abc:Size\tNumeric
                abc:Odd\tNoSuchType
                abc:Tag/${TagKey}\tString
                """,
            globalConditionKeys: "[aws] Global\naws:Thing\tBool\n")
        #expect(parsed.services.map(\.prefix) == ["abc", "def"])
        #expect(parsed.allActions == ["abc:One", "abc:Two", "def:Three"])
        #expect(parsed.services[0].reference == "https://example.com/a")
        #expect(parsed.conditionKeys.map(\.name) == ["aws:Thing", "abc:Size", "abc:Tag/${TagKey}"])
        #expect(parsed.conditionKey("abc:tag/anything")?.name == "abc:Tag/${TagKey}")
        #expect(parsed.conditionKey("abc:Odd") == nil)
    }
}
