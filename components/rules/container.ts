/**
 * VNI-R11's facts (a Linux container must listen on the port App Service gives it), read one
 * way by the components and by the policy pack.
 */

/** A Linux container app: `linuxFxVersion` starts `DOCKER|` or `COMPOSE|` (multi-container). */
export function isLinuxContainer(linuxFxVersion: string | undefined): boolean {
    return /^(docker|compose)\|/i.test(linuxFxVersion ?? "");
}

/**
 * The app sets PORT or WEBSITES_PORT. Settings not given (undefined: ARM does not return them
 * with the site, or the program did not declare them) count as set: no warning on a guess.
 */
export function listensOnPortSetting(settingNames: readonly string[] | undefined): boolean {
    return settingNames === undefined || settingNames.some((name) => /^(WEBSITES_)?PORT$/i.test(name));
}
