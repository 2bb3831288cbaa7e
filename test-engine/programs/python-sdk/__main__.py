"""The regional example in Python, with the SDK generated from the provider's schema
(pulumi_appservice_vnet_integration) and pulumi_azure_native 3.28.0 from PyPI."""
import pulumi
import pulumi_azure_native as azure_native
import pulumi_appservice_vnet_integration as vni

location = pulumi.Config().require("location")
group = azure_native.resources.ResourceGroup("regional", location=location)
hub = azure_native.network.VirtualNetwork(
    "hub",
    resource_group_name=group.name,
    location=location,
    address_space={"address_prefixes": ["10.20.0.0/16"]},
    dhcp_options={"dns_servers": ["10.20.0.4", "10.20.0.5"]},
)
plan = azure_native.web.AppServicePlan(
    "apps",
    resource_group_name=group.name,
    location=location,
    kind="linux",
    reserved=True,
    sku={"name": "P1v3", "tier": "PremiumV3", "capacity": 3},
)
integration = vni.RegionalVnetIntegration(
    "apps-vnet",
    plan=plan,
    virtual_network=hub,
    reserved_address_prefixes=["10.20.0.0/24"],
    subnet={"service_endpoints": ["Microsoft.Storage"]},
    max_instances=10,
    apps=[{"name": "billing-api", "resource_group_name": "billing-rg", "location": location}],
    routing={"application_traffic": True},
)
orders = azure_native.web.WebApp(
    "orders",
    resource_group_name=group.name,
    location=location,
    server_farm_id=plan.id,
    virtual_network_subnet_id=integration.subnet_id,
)
pulumi.export("subnetPrefix", integration.address_prefix)
pulumi.export("maxSupportedInstances", integration.max_supported_instances)
