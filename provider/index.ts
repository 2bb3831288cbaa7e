/**
 * The component provider host: serves the three components to Pulumi programs in any language
 * (`pulumi package add <this folder>`). Pulumi infers the schema from the argument and output
 * types of the classes in `components/provider/` (their TSDoc becomes the SDKs' docs).
 */
import { componentProviderHost } from "@pulumi/pulumi/provider/experimental";
import { GatewayVnetIntegration, PeeredGatewayRoutes, PROVIDER_PACKAGE, RegionalVnetIntegration } from "../components/provider";

componentProviderHost({
    name: PROVIDER_PACKAGE,
    dirname: __dirname,
    components: [RegionalVnetIntegration, GatewayVnetIntegration, PeeredGatewayRoutes],
}).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
});
