// pulumi-language-nodejs: a Node.js language host for the engine we build from Go modules.
//
// Why our own: Pulumi's host is the module
// github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3, which the Go module proxy here refuses
// ("403 Forbidden: This module version is not available" for v3.248.0 and for the pseudo-version of the commit
// tagged pkg/v3.248.0). The host is a thin launcher: the program itself runs in @pulumi/pulumi's own
// `cmd/run` (and plugins in `cmd/run-plugin` / `cmd/run-policy-pack`) from the program's node_modules, exactly
// as with Pulumi's host. This one implements what `pulumi preview/up/destroy/refresh`, policy packs and
// source-based component providers need: GetRequiredPackages (and the older GetRequiredPlugins), Run,
// RunPlugin, InstallDependencies (npm install), GetPluginInfo, About and GetProgramDependencies (both empty).
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"appservice-vnet-integration/engine/internal/launch"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/emptypb"
)

func main() {
	args := launch.ParseArgs(os.Args[1:])
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		fmt.Fprintln(os.Stderr, "could not find node on the $PATH:", err)
		os.Exit(1)
	}
	launch.Serve("pulumi-language-nodejs", &nodeHost{node: nodeBin, engineAddress: args.EngineAddress, tracing: args.Tracing})
}

type nodeHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	node          string
	engineAddress string
	tracing       string
}

// options are Pulumi.yaml's `runtime.options` for nodejs.
type options struct {
	typescript   bool
	tsconfigPath string
	nodeArgs     []string
}

func readOptions(info *pulumirpc.ProgramInfo) options {
	o := options{typescript: true}
	if info == nil || info.Options == nil {
		return o
	}
	m := info.Options.AsMap()
	if v, ok := m["typescript"].(bool); ok {
		o.typescript = v
	}
	if v, ok := m["tsconfig"].(string); ok {
		o.tsconfigPath = v
	}
	if v, ok := m["nodeargs"].(string); ok && strings.TrimSpace(v) != "" {
		o.nodeArgs = strings.Fields(v)
	}
	return o
}

func (o options) env(base []string) []string {
	env := append([]string{}, base...)
	if o.typescript {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if o.tsconfigPath != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+o.tsconfigPath)
	}
	return env
}

// resolveModule finds `@pulumi/pulumi/cmd/<name>` the way Node would from dir (walking up node_modules).
func (h *nodeHost) resolveModule(dir, name string) (string, error) {
	if override := os.Getenv("PULUMI_LANGUAGE_NODEJS_RUN_PATH"); override != "" && name == "run" {
		return override, nil
	}
	module := "@pulumi/pulumi/cmd/" + name
	cmd := exec.Command(h.node, "-e", "process.stdout.write(require.resolve(process.argv[1], { paths: [process.argv[2]] }))", module, dir)
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("it looks like the Pulumi SDK has not been installed (could not resolve %s from %s); "+
			"have you run npm install?", module, dir)
	}
	return string(out), nil
}

// GetRequiredPackages: every package.json in the node_modules folders Node would search from the program
// directory (it and its ancestors) whose `pulumi.resource` is true names a resource plugin.
func (h *nodeHost) GetRequiredPackages(ctx context.Context, req *pulumirpc.GetRequiredPackagesRequest) (
	*pulumirpc.GetRequiredPackagesResponse, error,
) {
	deps, err := requiredPlugins(launch.ProgramDirectory(req.Info, ""))
	if err != nil {
		return nil, err
	}
	return &pulumirpc.GetRequiredPackagesResponse{Packages: deps}, nil
}

func (h *nodeHost) GetRequiredPlugins(ctx context.Context, req *pulumirpc.GetRequiredPluginsRequest) (
	*pulumirpc.GetRequiredPluginsResponse, error,
) {
	deps, err := requiredPlugins(launch.ProgramDirectory(req.Info, req.Pwd))
	if err != nil {
		return nil, err
	}
	plugins := make([]*pulumirpc.PluginDependency, 0, len(deps))
	for _, d := range deps {
		plugins = append(plugins, &pulumirpc.PluginDependency{Name: d.Name, Kind: d.Kind, Version: d.Version, Server: d.Server})
	}
	return &pulumirpc.GetRequiredPluginsResponse{Plugins: plugins}, nil
}

type packageJSON struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	Pulumi  struct {
		Resource bool   `json:"resource"`
		Name     string `json:"name"`
		Version  string `json:"version"`
		Server   string `json:"server"`
	} `json:"pulumi"`
}

func requiredPlugins(dir string) ([]*pulumirpc.PackageDependency, error) {
	if dir == "" {
		return nil, nil
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	seen := map[string]*pulumirpc.PackageDependency{}
	for d := abs; ; d = filepath.Dir(d) {
		scanNodeModules(filepath.Join(d, "node_modules"), seen)
		if filepath.Dir(d) == d {
			break
		}
	}
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]*pulumirpc.PackageDependency, 0, len(keys))
	for _, k := range keys {
		out = append(out, seen[k])
	}
	return out, nil
}

func scanNodeModules(nm string, seen map[string]*pulumirpc.PackageDependency) {
	entries, err := os.ReadDir(nm)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		if strings.HasPrefix(name, "@") {
			scoped, err := os.ReadDir(filepath.Join(nm, name))
			if err != nil {
				continue
			}
			for _, s := range scoped {
				readPackage(filepath.Join(nm, name, s.Name(), "package.json"), seen)
			}
			continue
		}
		readPackage(filepath.Join(nm, name, "package.json"), seen)
	}
}

func readPackage(path string, seen map[string]*pulumirpc.PackageDependency) {
	b, err := os.ReadFile(path)
	if err != nil {
		return
	}
	var p packageJSON
	if json.Unmarshal(b, &p) != nil || !p.Pulumi.Resource {
		return
	}
	name := p.Pulumi.Name
	if name == "" {
		name = strings.TrimPrefix(strings.TrimPrefix(p.Name, "@pulumi/"), "@")
	}
	v := p.Pulumi.Version
	if v == "" {
		v = p.Version
	}
	if v != "" && !strings.HasPrefix(v, "v") {
		v = "v" + v
	}
	key := name + "@" + v
	if _, ok := seen[key]; !ok {
		seen[key] = &pulumirpc.PackageDependency{Name: name, Kind: "resource", Version: v, Server: p.Pulumi.Server}
	}
}

// Run starts @pulumi/pulumi's cmd/run on the program, as Pulumi's own host does.
func (h *nodeHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	programDir := launch.ProgramDirectory(req.Info, req.Pwd)
	runPath, err := h.resolveModule(programDir, "run")
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	opts := readOptions(req.Info)
	args := append([]string{}, opts.nodeArgs...)
	args = append(args, runPath)
	add := func(k, v string) {
		if v != "" {
			args = append(args, "--"+k, v)
		}
	}
	add("monitor", req.MonitorAddress)
	add("engine", h.engineAddress)
	add("organization", req.Organization)
	add("project", req.Project)
	add("stack", req.Stack)
	add("pwd", req.Pwd)
	if req.Info != nil {
		add("root-directory", req.Info.RootDirectory)
	}
	if req.DryRun {
		args = append(args, "--dry-run")
	}
	if req.QueryMode {
		args = append(args, "--query-mode")
	}
	if req.Parallel > 0 {
		add("parallel", fmt.Sprint(req.Parallel))
	}
	add("tracing", h.tracing)
	program := req.Program
	if req.Info != nil && req.Info.EntryPoint != "" {
		program = filepath.Join(programDir, req.Info.EntryPoint)
	}
	if program == "" {
		program = "."
	}
	args = append(args, program)
	args = append(args, req.Args...)

	config, err := json.Marshal(req.Config)
	if err != nil {
		return nil, err
	}
	secretKeys, err := json.Marshal(req.ConfigSecretKeys)
	if err != nil {
		return nil, err
	}
	env := opts.env(os.Environ())
	env = append(env, "PULUMI_CONFIG="+string(config), "PULUMI_CONFIG_SECRET_KEYS="+string(secretKeys))

	cmd := exec.Command(h.node, args...)
	cmd.Dir = req.Pwd
	cmd.Env = env
	return launch.RunProgram(cmd), nil
}

// RunPlugin runs a source-based plugin (PulumiPlugin.yaml with runtime nodejs) or a policy pack.
func (h *nodeHost) RunPlugin(req *pulumirpc.RunPluginRequest, server pulumirpc.LanguageRuntime_RunPluginServer) error {
	closer, stdout, stderr, err := rpcutil.MakeRunPluginStreams(server, false)
	if err != nil {
		return err
	}
	defer closer.Close()
	programDir := launch.ProgramDirectory(req.Info, req.Pwd)
	opts := readOptions(req.Info)
	args := append([]string{}, opts.nodeArgs...)
	if req.Kind == "analyzer" {
		runPath, err := h.resolveModule(programDir, "run-policy-pack")
		if err != nil {
			return err
		}
		engine := h.engineAddress
		if len(req.Args) > 0 {
			engine = req.Args[0]
		}
		args = append(args, runPath, engine, programDir)
	} else {
		runPath, err := h.resolveModule(programDir, "run-plugin")
		if err != nil {
			return err
		}
		args = append(args, runPath, programDir)
		args = append(args, req.Args...)
	}
	cmd := exec.Command(h.node, args...)
	cmd.Dir = req.Pwd
	if req.Kind == "analyzer" {
		// A policy pack runs in its own folder, as the engine's own policy launcher runs it (pwd := policyPackPath
		// in sdk/go/common/resource/plugin/analyzer_plugin.go): @pulumi/policy reads ./package.json for the pack's
		// version, and a pack judges stacks of any language from any program folder.
		cmd.Dir = programDir
	}
	cmd.Env = opts.env(req.Env)
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := launch.ExitError(cmd.Run()); err != nil {
		return err
	}
	return closer.Close()
}

// InstallDependencies runs `npm install` in the program directory, streaming its output.
func (h *nodeHost) InstallDependencies(req *pulumirpc.InstallDependenciesRequest,
	server pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	closer, stdout, stderr, err := rpcutil.MakeInstallDependenciesStreams(server, req.IsTerminal)
	if err != nil {
		return err
	}
	defer closer.Close()
	dir := launch.ProgramDirectory(req.Info, req.Directory)
	cmd := exec.Command("npm", "install", "--no-audit", "--no-fund")
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("npm install failed in %s: %w", dir, err)
	}
	return closer.Close()
}

func (h *nodeHost) GetPluginInfo(ctx context.Context, _ *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version.Version}, nil
}

func (h *nodeHost) About(ctx context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	out, _ := exec.Command(h.node, "--version").Output()
	return &pulumirpc.AboutResponse{Executable: h.node, Version: strings.TrimSpace(strings.TrimPrefix(string(out), "v"))}, nil
}

func (h *nodeHost) GetProgramDependencies(ctx context.Context, req *pulumirpc.GetProgramDependenciesRequest) (
	*pulumirpc.GetProgramDependenciesResponse, error,
) {
	return &pulumirpc.GetProgramDependenciesResponse{}, nil
}

func (h *nodeHost) Handshake(ctx context.Context, req *pulumirpc.LanguageHandshakeRequest) (
	*pulumirpc.LanguageHandshakeResponse, error,
) {
	if req.EngineAddress != "" {
		h.engineAddress = req.EngineAddress
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}
