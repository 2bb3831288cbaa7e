/** The gateway and peering checks, like the regional ones, report bad input and never throw. */
import fc from "fast-check";
import { parseCidr } from "../components/address";
import { checkGatewayIntegration, checkPeering, isRuleCode, LIMITS_PROFILES } from "../components/rules";
import { validGatewayFacts } from "./support/facts";

const text = fc.oneof(fc.string(), fc.constant("10.0.0.0/16"), fc.ipV4().map((a) => `${a}/24`), fc.ipV6());
const list = fc.array(text, { maxLength: 3 });

test("gateway checks report X02 for what does not parse and never throw", () => {
    fc.assert(
        fc.property(list, list, text, list, (space, pool, subnet, onPrem) => {
            const base = validGatewayFacts();
            const findings = checkGatewayIntegration(
                {
                    ...base,
                    virtualNetwork: { ...base.virtualNetwork, addressSpace: space },
                    gateway: { ...base.gateway, pointToSite: { addressPool: pool, protocols: ["SSTP"] }, subnet: { name: "GatewaySubnet", addressPrefix: subnet } },
                    onPremises: { prefixes: onPrem, bgpEnabled: false },
                },
                LIMITS_PROFILES.documented,
            );
            // Always at least the retirement warning; every finding a catalog rule with a message.
            return findings.some((f) => f.code === "VNI-G14") && findings.every((f) => isRuleCode(f.code) && f.message.length > 0);
        }),
        { numRuns: 300 },
    );
});

test("peering checks never throw, whatever the routes and prefixes", () => {
    fc.assert(
        fc.property(list, list, fc.array(fc.oneof(text.map((cidr) => ({ cidr })), fc.record({ startAddress: text, endAddress: fc.option(text, { nil: undefined }) })), { maxLength: 3 }), (hub, peer, routes) => {
            const findings = checkPeering(
                {
                    mode: "gateway",
                    hub: { name: "hub", location: "eastus", addressSpace: hub, pointToSitePool: ["172.16.201.0/24"], gatewaySku: "VpnGw1AZ" },
                    peers: [{ name: "p", key: "p", location: "eastus", addressSpace: peer, routedPrefixes: peer, hasGateway: false }],
                    extraRoutes: routes,
                    otherRemoteGatewayPeers: [],
                },
                LIMITS_PROFILES["azure-2026"],
            );
            const unparsable = [...hub, ...peer].some((t) => !parseCidr(t).ok);
            return findings.every((f) => isRuleCode(f.code) && f.message.length > 0) && (!unparsable || findings.some((f) => f.code === "VNI-X02"));
        }),
        { numRuns: 300 },
    );
});
