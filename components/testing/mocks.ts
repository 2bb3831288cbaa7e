/**
 * Azure-aware Pulumi mocks: ARM-shaped ids, echoed inputs, Azure names, and a record of
 * every registration. Use them to unit-test stacks that use this library:
 *
 *   const mocks = new AzureMocks();
 *   pulumi.runtime.setMocks(mocks, "project", "stack", true);   // true: a new stack's first preview; false: up
 *
 * With `new AzureMocks({ azure: new AzureModel() })` every registration at `up` is written to
 * that model of Azure, the one the offline azure-native stand-in uses, and Azure's refusals
 * (an overlapping subnet, a link to an undelegated subnet, a second gateway...) fail the
 * registration as they fail `pulumi up`.
 */
import * as pulumi from "@pulumi/pulumi";
import { createHash } from "crypto";
import { AzureError, type AzureModel } from "./azureModel";
import { armIdIn, azureNativeFailure, fromArm, pathParams, RESOURCE_TYPES, toArm, type ResourceType } from "./azureNative";

/** One `RegisterResource` the mocks answered. */
export interface MockRegistration {
    readonly type: string;
    readonly name: string;
    readonly id: string;
    readonly inputs: Record<string, unknown>;
}

export interface AzureMocksOptions {
    /** @default "00000000-0000-0000-0000-000000000000" */
    readonly subscriptionId?: string;
    /** Region of resources registered without one. @default "westeurope" */
    readonly location?: string;
    /**
     * A model of Azure to write to at `up` (not at a new stack's preview, which writes nothing):
     * resources are ARM documents there, outputs are Azure's answer, and Azure's refusals fail
     * the registration with Azure's error code. Seed what the program does not create (its
     * resource groups, an existing VNet) with `model.put` first. @default none: inputs are echoed
     */
    readonly azure?: AzureModel;
}

type PathBuilder = (inputs: Record<string, any>, name: string) => string;

// ARM paths below the resource group, per azure-native type token (shared/spec/azure-mapping.md).
const ARM_PATHS: Record<string, PathBuilder> = {
    "azure-native:network:VirtualNetwork": (i, n) => `Microsoft.Network/virtualNetworks/${i.virtualNetworkName ?? n}`,
    "azure-native:network:Subnet": (i, n) => `Microsoft.Network/virtualNetworks/${i.virtualNetworkName}/subnets/${i.subnetName ?? n}`,
    "azure-native:network:VirtualNetworkPeering": (i, n) =>
        `Microsoft.Network/virtualNetworks/${i.virtualNetworkName}/virtualNetworkPeerings/${i.virtualNetworkPeeringName ?? n}`,
    "azure-native:network:NetworkSecurityGroup": (i, n) => `Microsoft.Network/networkSecurityGroups/${i.networkSecurityGroupName ?? n}`,
    "azure-native:network:RouteTable": (i, n) => `Microsoft.Network/routeTables/${i.routeTableName ?? n}`,
    "azure-native:network:NatGateway": (i, n) => `Microsoft.Network/natGateways/${i.natGatewayName ?? n}`,
    "azure-native:network:PublicIPAddress": (i, n) => `Microsoft.Network/publicIPAddresses/${i.publicIpAddressName ?? n}`,
    "azure-native:network:VirtualNetworkGateway": (i, n) => `Microsoft.Network/virtualNetworkGateways/${i.virtualNetworkGatewayName ?? n}`,
    "azure-native:web:AppServicePlan": (i, n) => `Microsoft.Web/serverfarms/${i.name ?? n}`,
    "azure-native:web:WebApp": (i, n) => `Microsoft.Web/sites/${i.name ?? n}`,
    "azure-native:web:WebAppSlot": (i, n) => `Microsoft.Web/sites/${i.name}/slots/${i.slot ?? n}`,
    "azure-native:web:WebAppSwiftVirtualNetworkConnection": (i) => `Microsoft.Web/sites/${i.name}/networkConfig/virtualNetwork`,
    "azure-native:web:WebAppSwiftVirtualNetworkConnectionSlot": (i) => `Microsoft.Web/sites/${i.name}/slots/${i.slot}/networkConfig/virtualNetwork`,
    "azure-native:web:WebAppVnetConnection": (i, n) => `Microsoft.Web/sites/${i.name}/virtualNetworkConnections/${i.vnetName ?? n}`,
    "azure-native:web:WebAppVnetConnectionSlot": (i, n) => `Microsoft.Web/sites/${i.name}/slots/${i.slot}/virtualNetworkConnections/${i.vnetName ?? n}`,
    "azure-native:web:AppServicePlanRouteForVnet": (i, n) => `Microsoft.Web/serverfarms/${i.name}/virtualNetworkConnections/${i.vnetName}/routes/${i.routeName ?? n}`,
};

// The input that holds the Azure name, where it is not `name`.
/** The input azure-native names a resource by, when it is not `name`. */
export const NAME_INPUTS: Readonly<Record<string, string>> = {
    "azure-native:resources:ResourceGroup": "resourceGroupName",
    "azure-native:network:VirtualNetwork": "virtualNetworkName",
    "azure-native:network:Subnet": "subnetName",
    "azure-native:network:NetworkSecurityGroup": "networkSecurityGroupName",
    "azure-native:network:RouteTable": "routeTableName",
    "azure-native:network:NatGateway": "natGatewayName",
    "azure-native:network:PublicIPAddress": "publicIpAddressName",
    "azure-native:network:VirtualNetworkGateway": "virtualNetworkGatewayName",
    "azure-native:network:VirtualNetworkPeering": "virtualNetworkPeeringName",
};

export class AzureMocks implements pulumi.runtime.Mocks {
    /** Every registration, in the order the mocks saw it. */
    public readonly registrations: MockRegistration[] = [];
    public readonly subscriptionId: string;
    /** The model of Azure registrations are written to, when given. */
    public readonly azure?: AzureModel;
    private readonly location: string;

    constructor(options: AzureMocksOptions = {}) {
        this.subscriptionId = options.subscriptionId ?? "00000000-0000-0000-0000-000000000000";
        this.location = options.location ?? "westeurope";
        this.azure = options.azure;
    }

    /**
     * At `pulumi preview` of a new stack (setMocks' dryRun `true`) a created resource has no id
     * and its outputs are the inputs the program set, nothing more; at `up` Azure's answer:
     * ids, names, locations and computed properties.
     */
    newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Record<string, any> } {
        if (pulumi.runtime.isDryRun() && !args.id) {
            this.registrations.push({ type: args.type, name: args.name, id: "", inputs: args.inputs });
            return { id: undefined, state: { ...args.inputs } };
        }
        const inputs: Record<string, any> = { ...args.inputs };
        const modelled = this.azure ? RESOURCE_TYPES[args.type] : undefined;
        if (modelled) return this.throughModel(this.azure!, modelled, args, inputs);
        const nameInput = NAME_INPUTS[args.type] ?? "name";
        // azure-native names a resource after its logical name when no Azure name is given.
        inputs[nameInput] ??= args.name;
        const id = args.id || this.armId(args.type, args.name, inputs);
        this.registrations.push({ type: args.type, name: args.name, id, inputs: args.inputs });
        const state: Record<string, any> = { ...inputs, name: inputs[nameInput], ...this.computed(args.type, inputs) };
        if (args.type.startsWith("azure-native:") && args.type !== "azure-native:resources:ResourceGroup") {
            state.location ??= this.location;
            if (inputs.resourceGroupName) state.resourceGroup = inputs.resourceGroupName;
        }
        return { id, state };
    }

    call(args: pulumi.runtime.MockCallArgs): Record<string, any> {
        if (args.token === "azure-native:authorization:getClientConfig") {
            return { subscriptionId: this.subscriptionId, tenantId: "11111111-1111-1111-1111-111111111111", clientId: "mock", objectId: "mock" };
        }
        if (args.token === "azure-native:authorization:getClientToken") return { token: "mock-token" };
        return args.inputs;
    }

    /** Outputs Azure computes that programs read: the certificate App Service generates for a gateway connection. */
    private computed(type: string, inputs: Record<string, any>): Record<string, unknown> {
        if (type === "azure-native:web:WebAppVnetConnection" || type === "azure-native:web:WebAppVnetConnectionSlot") {
            // One certificate per subscription and VNet (shared/spec/azure-mapping.md, section 2).
            const seed = `${this.subscriptionId}|${String(inputs.vnetResourceId ?? "").toLowerCase()}`;
            const digest = createHash("sha1").update(seed).digest();
            return { certBlob: Buffer.from(`mock-certificate:${seed}`).toString("base64"), certThumbprint: digest.toString("hex").toUpperCase(), resyncRequired: false };
        }
        return {};
    }

    /** Writes the registration to the model of Azure (or reads it, for `get`); Azure's refusal fails it. */
    private throughModel(azure: AzureModel, type: ResourceType, args: pulumi.runtime.MockResourceArgs, inputs: Record<string, any>): { id: string; state: Record<string, any> } {
        if (type.autoName) inputs[type.autoName] ??= args.name;
        let doc;
        if (args.id) {
            doc = azure.get(args.id);
            if (!doc) throw new Error(`${args.type} ${args.name}: ARM answered 404 ResourceNotFound for ${args.id}`);
        } else {
            const id = armIdIn(this.subscriptionId, type, inputs);
            if (!id) throw new Error(`${args.type} ${args.name}: missing required properties ${pathParams(type).filter((p) => typeof inputs[p] !== "string").join(", ")}`);
            const body = toArm(type, inputs);
            if (body.location === undefined && type.token !== "azure-native:resources:ResourceGroup" && typeof inputs.resourceGroupName === "string") {
                // azure-native takes the resource group's location when none is given.
                body.location = azure.get(`/subscriptions/${this.subscriptionId}/resourceGroups/${inputs.resourceGroupName}`)?.location;
                if (body.location === undefined) delete body.location;
            }
            try {
                doc = azure.put(id, body).resource;
            } catch (error) {
                if (error instanceof AzureError) throw azureNativeFailure("PUT", id, type.apiVersion, error);
                throw error;
            }
        }
        this.registrations.push({ type: args.type, name: args.name, id: doc.id, inputs: args.inputs });
        const state: Record<string, any> = { ...inputs, ...fromArm(type, doc) };
        if (typeof inputs.resourceGroupName === "string") state.resourceGroup = inputs.resourceGroupName;
        return { id: doc.id, state };
    }

    /** Registrations of one type token, e.g. `azure-native:network:Subnet`. */
    ofType(type: string): MockRegistration[] {
        return this.registrations.filter((r) => r.type === type);
    }

    private armId(type: string, name: string, inputs: Record<string, any>): string {
        const subscription = `/subscriptions/${this.subscriptionId}`;
        if (type === "azure-native:resources:ResourceGroup") return `${subscription}/resourceGroups/${inputs.resourceGroupName}`;
        const group = `${subscription}/resourceGroups/${inputs.resourceGroupName ?? "rg"}`;
        const path = ARM_PATHS[type];
        if (path) return `${group}/providers/${path(inputs, name)}`;
        const [, module, resource] = type.split(":");
        return `${group}/providers/${module ?? "pulumi"}/${resource ?? "resource"}/${name}`;
    }
}
