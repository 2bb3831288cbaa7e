/** The doctor as a command, end to end in its own process (`npm run doctor`, the package's bin): exit codes, stdout, stderr. Slow: `npm run test:slow`. */
import { execFile } from "child_process";
import * as path from "path";

describe("npm run doctor", () => {
    const root = path.resolve(__dirname, "..");
    function doctor(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
        return new Promise((resolve) => {
            execFile(process.execPath, [require.resolve("ts-node/dist/bin"), "--transpile-only", "tools/cli.ts", "doctor", ...args], { cwd: root }, (error, stdout, stderr) =>
                resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr }),
            );
        });
    }

    test("exit 0 with JSON when the app reaches through the integration, 3 with the reason when not", async () => {
        const [reaches, blocked] = await Promise.all([
            doctor("test/fixtures/doctor-topology.json", "--app", "api", "--to", "192.168.1.4:1433", "--json"),
            doctor("test/fixtures/doctor-topology.json", "--app", "orders", "--to", "10.60.1.4:5432"),
        ]);
        expect(reaches.code).toBe(0);
        expect(JSON.parse(reaches.stdout)).toMatchObject({ reachable: true, arrives: "on-premises", sourceAddresses: ["10.20.1.0/27"] });
        expect(blocked.code).toBe(3);
        expect(blocked.stdout).toMatch(/^Can orders reach 10\.60\.1\.4:5432\? NO/);
        expect(blocked.stdout).toContain("VNI-P01 hub-peering-flags: the peering from hub hub to data lacks allowGatewayTransit");
    }, 300_000);

    test("exit 2 for a bad question, with a clear message", async () => {
        const [unknown, address] = await Promise.all([
            doctor("test/fixtures/doctor-topology.json", "--app", "nobody", "--to", "10.20.0.4:443"),
            doctor("test/fixtures/doctor-topology.json", "--app", "api", "--to", "10.20.0.999:443"),
        ]);
        expect(unknown.code).toBe(2);
        expect(unknown.stderr).toContain("no integration in these facts attaches app nobody; integrated apps: api, worker, orders");
        expect(address.code).toBe(2);
        expect(address.stderr).toContain('"10.20.0.999" is not an IPv4 address');
    }, 300_000);
});
