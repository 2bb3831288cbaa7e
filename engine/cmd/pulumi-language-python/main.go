// pulumi-language-python: a Python language host for the engine we build from Go modules.
//
// Why our own: Pulumi's host is the module github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3,
// which the Go module proxy here refuses ("403 Forbidden: This module version is not available"). The program
// runs in Pulumi's own `pulumi-language-python-exec` (shipped in the sdk/v3 module and copied beside this
// binary by `npm run engine:install`) with the `pulumi` package of the program's virtualenv, as with Pulumi's
// host. Implemented: GetRequiredPackages (pulumi-plugin.json files of the virtualenv), Run, InstallDependencies
// (pip install -r requirements.txt into the virtualenv), GetPluginInfo, About and GetProgramDependencies.
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
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintln(os.Stderr, "pulumi-language-python:", err)
		os.Exit(1)
	}
	launch.Serve("pulumi-language-python", &pythonHost{
		exec:          filepath.Join(filepath.Dir(self), "pulumi-language-python-exec"),
		engineAddress: args.EngineAddress,
		tracing:       args.Tracing,
	})
}

type pythonHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	exec          string
	engineAddress string
	tracing       string
}

// virtualenv is Pulumi.yaml's `runtime.options.virtualenv`, relative to the program directory.
func virtualenv(info *pulumirpc.ProgramInfo, dir string) string {
	if info == nil || info.Options == nil {
		return ""
	}
	if v, ok := info.Options.AsMap()["virtualenv"].(string); ok && v != "" {
		if filepath.IsAbs(v) {
			return v
		}
		return filepath.Join(dir, v)
	}
	return ""
}

func python(venv string) string {
	if venv != "" {
		return filepath.Join(venv, "bin", "python")
	}
	if cmd := os.Getenv("PULUMI_PYTHON_CMD"); cmd != "" {
		return cmd
	}
	return "python3"
}

func withVirtualenv(env []string, venv string) []string {
	if venv == "" {
		return env
	}
	out := make([]string, 0, len(env)+2)
	for _, kv := range env {
		if strings.HasPrefix(kv, "PATH=") {
			kv = "PATH=" + filepath.Join(venv, "bin") + string(os.PathListSeparator) + kv[len("PATH="):]
		}
		if strings.HasPrefix(kv, "PYTHONHOME=") {
			continue
		}
		out = append(out, kv)
	}
	return append(out, "VIRTUAL_ENV="+venv)
}

// GetRequiredPackages: every pulumi-plugin.json of an installed package names a resource plugin.
func (h *pythonHost) GetRequiredPackages(ctx context.Context, req *pulumirpc.GetRequiredPackagesRequest) (
	*pulumirpc.GetRequiredPackagesResponse, error,
) {
	dir := launch.ProgramDirectory(req.Info, "")
	venv := virtualenv(req.Info, dir)
	out, err := exec.Command(python(venv), "-c", "import site,sys; print('\\n'.join(site.getsitepackages()))").Output()
	if err != nil {
		return &pulumirpc.GetRequiredPackagesResponse{}, nil
	}
	seen := map[string]*pulumirpc.PackageDependency{}
	for _, sitePackages := range strings.Fields(string(out)) {
		matches, _ := filepath.Glob(filepath.Join(sitePackages, "*", "pulumi-plugin.json"))
		for _, m := range matches {
			b, err := os.ReadFile(m)
			if err != nil {
				continue
			}
			var p struct {
				Resource bool   `json:"resource"`
				Name     string `json:"name"`
				Version  string `json:"version"`
				Server   string `json:"server"`
			}
			if json.Unmarshal(b, &p) != nil || !p.Resource || p.Name == "" {
				continue
			}
			v := p.Version
			if v != "" && !strings.HasPrefix(v, "v") {
				v = "v" + v
			}
			seen[p.Name+"@"+v] = &pulumirpc.PackageDependency{Name: p.Name, Kind: "resource", Version: v, Server: p.Server}
		}
	}
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	deps := make([]*pulumirpc.PackageDependency, 0, len(keys))
	for _, k := range keys {
		deps = append(deps, seen[k])
	}
	return &pulumirpc.GetRequiredPackagesResponse{Packages: deps}, nil
}

// Run starts pulumi-language-python-exec on the program, as Pulumi's own host does.
func (h *pythonHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	dir := launch.ProgramDirectory(req.Info, req.Pwd)
	venv := virtualenv(req.Info, dir)
	args := []string{"-u", h.exec}
	add := func(k, v string) {
		if v != "" {
			args = append(args, "--"+k, v)
		}
	}
	add("monitor", req.MonitorAddress)
	add("engine", h.engineAddress)
	add("project", req.Project)
	add("stack", req.Stack)
	add("pwd", req.Pwd)
	add("organization", req.Organization)
	if req.Info != nil {
		add("root_directory", req.Info.RootDirectory)
	}
	add("dry_run", fmt.Sprint(req.DryRun))
	add("parallel", fmt.Sprint(req.Parallel))
	add("tracing", h.tracing)
	program := req.Program
	if req.Info != nil && req.Info.EntryPoint != "" {
		program = filepath.Join(dir, req.Info.EntryPoint)
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
	cmd := exec.Command(python(venv), args...)
	cmd.Dir = req.Pwd
	cmd.Env = append(withVirtualenv(os.Environ(), venv),
		"PULUMI_CONFIG="+string(config), "PULUMI_CONFIG_SECRET_KEYS="+string(secretKeys))
	return launch.RunProgram(cmd), nil
}

// InstallDependencies creates the virtualenv if asked for and installs requirements.txt into it.
func (h *pythonHost) InstallDependencies(req *pulumirpc.InstallDependenciesRequest,
	server pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	closer, stdout, stderr, err := rpcutil.MakeInstallDependenciesStreams(server, req.IsTerminal)
	if err != nil {
		return err
	}
	defer closer.Close()
	dir := launch.ProgramDirectory(req.Info, req.Directory)
	venv := virtualenv(req.Info, dir)
	if venv != "" {
		if _, err := os.Stat(filepath.Join(venv, "bin", "python")); err != nil {
			cmd := exec.Command("python3", "-m", "venv", venv)
			cmd.Stdout, cmd.Stderr = stdout, stderr
			if err := cmd.Run(); err != nil {
				return fmt.Errorf("creating the virtualenv %s: %w", venv, err)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "requirements.txt")); err == nil {
		cmd := exec.Command(python(venv), "-m", "pip", "install", "-r", "requirements.txt")
		cmd.Dir = dir
		cmd.Stdout, cmd.Stderr = stdout, stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("pip install -r requirements.txt in %s: %w", dir, err)
		}
	}
	return closer.Close()
}

func (h *pythonHost) GetPluginInfo(ctx context.Context, _ *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version.Version}, nil
}

func (h *pythonHost) About(ctx context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	out, _ := exec.Command(python(""), "--version").Output()
	return &pulumirpc.AboutResponse{Executable: python(""), Version: strings.TrimSpace(strings.TrimPrefix(string(out), "Python "))}, nil
}

func (h *pythonHost) GetProgramDependencies(ctx context.Context, req *pulumirpc.GetProgramDependenciesRequest) (
	*pulumirpc.GetProgramDependenciesResponse, error,
) {
	return &pulumirpc.GetProgramDependenciesResponse{}, nil
}

func (h *pythonHost) Handshake(ctx context.Context, req *pulumirpc.LanguageHandshakeRequest) (
	*pulumirpc.LanguageHandshakeResponse, error,
) {
	if req.EngineAddress != "" {
		h.engineAddress = req.EngineAddress
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}
