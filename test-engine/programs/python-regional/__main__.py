"""The regional example in Python through the component provider (provider/).

No generated SDK: the Python SDK `pulumi package gen-sdk` would make needs the engine's Python
language host to generate it, and types `plan`/`virtualNetwork` as pulumi_azure_native classes.
Raw resources and the remote component are registered by type token, as generated SDKs do.
"""
import pulumi


def resource(token, name, props):
    """An azure-native resource by type token; `None` props are the outputs read back."""
    return pulumi.CustomResource(token, name, {"id": None, "name": None, **props})


location = pulumi.Config().require("location")
group = resource("azure-native:resources:ResourceGroup", "regional", {"location": location})
hub = resource("azure-native:network:VirtualNetwork", "hub", {
    "resourceGroupName": group.name,
    "location": location,
    "addressSpace": {"addressPrefixes": ["10.20.0.0/16"]},
    "dhcpOptions": {"dnsServers": ["10.20.0.4", "10.20.0.5"]},
})
plan = resource("azure-native:web:AppServicePlan", "apps", {
    "resourceGroupName": group.name,
    "location": location,
    "kind": "linux",
    "reserved": True,
    "sku": {"name": "P1v3", "tier": "PremiumV3", "capacity": 3},
})
integration = pulumi.ComponentResource(
    "appservice-vnet-integration:index:RegionalVnetIntegration",
    "apps-vnet",
    {
        "plan": plan,
        "virtualNetwork": hub,
        "reservedAddressPrefixes": ["10.20.0.0/24"],
        "subnet": {"serviceEndpoints": ["Microsoft.Storage"]},
        "maxInstances": 10,
        "apps": [{"name": "billing-api", "resourceGroupName": "billing-rg", "location": location}],
        "routing": {"applicationTraffic": True},
        "subnetId": None,
        "addressPrefix": None,
        "maxSupportedInstances": None,
    },
    remote=True,
)
orders = resource("azure-native:web:WebApp", "orders", {
    "resourceGroupName": group.name,
    "location": location,
    "serverFarmId": plan.id,
    "virtualNetworkSubnetId": integration.subnetId,
})
pulumi.export("subnetPrefix", integration.addressPrefix)
pulumi.export("maxSupportedInstances", integration.maxSupportedInstances)
