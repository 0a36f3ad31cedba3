// Kept by hand (the text's first lines say from what): add a key when AWS documents a new one.
// The catalog's text of the global condition keys, as a raw string literal: the binary reads it in place (`ServiceCatalog.builtIn`).
extension ServiceCatalog {
    static let globalConditionKeysText = #"""
# Global condition keys (`aws:`) and the cross-service keys that any service may see, with their types.
# Source: "AWS global condition context keys" in the IAM User Guide,
# https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html (its "Data type"
# of each key). Kept by hand: add a key when AWS documents a new one. Format as in CatalogConditionKeys.swift;
# `Date,Numeric` lists the two types a key works with.
[aws] AWS global condition context keys | https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
aws:AssumedRoot	String
aws:CalledVia	ArrayOfString
aws:CalledViaFirst	String
aws:CalledViaLast	String
aws:ChatbotSourceArn	ARN
aws:CurrentTime	Date
aws:Ec2InstanceSourcePrivateIPv4	IPAddress
aws:Ec2InstanceSourceVpc	String
aws:EpochTime	Date,Numeric
aws:FederatedProvider	String
aws:MultiFactorAuthAge	Numeric
aws:MultiFactorAuthPresent	Bool
aws:PrincipalAccount	String
aws:PrincipalArn	ARN
aws:PrincipalIsAWSService	Bool
aws:PrincipalOrgID	String
aws:PrincipalOrgPaths	ArrayOfString
aws:PrincipalServiceName	String
aws:PrincipalServiceNamesList	ArrayOfString
aws:PrincipalTag/${TagKey}	String
aws:PrincipalType	String
aws:referer	String
aws:RequestedRegion	String
aws:RequestTag/${TagKey}	String
aws:ResourceAccount	String
aws:ResourceOrgID	String
aws:ResourceOrgPaths	ArrayOfString
aws:ResourceTag/${TagKey}	String
aws:SecureTransport	Bool
aws:SourceAccount	String
aws:SourceArn	ARN
aws:SourceIdentity	String
aws:SourceIp	IPAddress
aws:SourceOrgID	String
aws:SourceOrgPaths	ArrayOfString
aws:SourceVpc	String
aws:SourceVpcArn	ARN
aws:SourceVpce	String
aws:TagKeys	ArrayOfString
aws:TokenIssueTime	Date
aws:UserAgent	String
aws:userid	String
aws:username	String
aws:ViaAWSService	Bool
aws:VpceAccount	String
aws:VpceOrgID	String
aws:VpceOrgPaths	ArrayOfString
aws:VpcSourceIp	IPAddress
[cross-service] Cross-service condition keys: a service's key that other services' requests carry | https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
ec2:RoleDelivery	Numeric
ec2:SourceInstanceArn	ARN
glue:CredentialIssuingService	String
glue:RoleAssumedBy	String
identitystore:UserId	String
lambda:SourceFunctionArn	ARN
ssm:SourceInstanceArn	ARN
"""#
}
