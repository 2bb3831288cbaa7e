/** Every example program, by the name `scenario` config and `npm run plan -- <name>` use. */
import { gatewayExample } from "./gateway";
import { peeredExample } from "./peered";
import { regionalExample } from "./regional";

export const scenarios: Readonly<Record<string, () => Record<string, unknown>>> = {
    regional: regionalExample,
    gateway: () => gatewayExample(),
    /** The 2019 page's path: a new SSTP gateway, allowed (with the VNI-G17 warning) under `documented` only. */
    "gateway-documented": () => gatewayExample({ limits: "documented" }),
    peered: peeredExample,
};
