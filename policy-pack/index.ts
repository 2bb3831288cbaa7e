/**
 * The policy pack: the library's VNet Integration rules over the raw azure-native resources
 * of any stack (TypeScript, Python, Go, C#, YAML).
 *
 *   pulumi preview --policy-pack policy-pack [--policy-pack-config policy-pack/config.example.json]
 */
import { PolicyPack } from "@pulumi/policy";
import { policies } from "../components/policy";

new PolicyPack("appservice-vnet-integration", {
    description: "App Service VNet Integration: every documented limit, checked before Azure is asked.",
    provider: "azure",
    tags: ["azure", "app-service", "networking"],
    policies,
});
