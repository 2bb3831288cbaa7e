// Package launch holds what our language hosts share: serving the LanguageRuntime gRPC service the way the
// engine expects (port on the first line of stdout) and turning a program's exit into a RunResponse.
package launch

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

// Args are the host's command line: `-tracing=URL` and the engine address; other flags (runtime options the
// engine may pass as -key=value) are accepted and ignored.
type Args struct {
	EngineAddress string
	Tracing       string
}

func ParseArgs(argv []string) Args {
	var a Args
	for _, arg := range argv {
		switch {
		case strings.HasPrefix(arg, "-tracing="), strings.HasPrefix(arg, "--tracing="):
			a.Tracing = arg[strings.Index(arg, "=")+1:]
		case strings.HasPrefix(arg, "-"):
		default:
			if a.EngineAddress == "" {
				a.EngineAddress = arg
			}
		}
	}
	return a
}

// Serve registers the host, prints the port for the engine and blocks until the server stops.
func Serve(name string, host pulumirpc.LanguageRuntimeServer) {
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: could not start the language host RPC server: %v\n", name, err)
		os.Exit(1)
	}
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "%s: language host RPC stopped serving: %v\n", name, err)
		os.Exit(1)
	}
}

// bailExitCode is what Pulumi's language SDKs exit with once they have reported the error to the engine.
const bailExitCode = 32

// RunProgram runs cmd with its output copied to ours (wrapped writers: Node may set its stdio non-blocking,
// so Go copies rather than sharing the descriptors) and answers as Pulumi's hosts do.
func RunProgram(cmd *exec.Cmd) *pulumirpc.RunResponse {
	cmd.Stdout = struct{ *os.File }{os.Stdout}
	cmd.Stderr = struct{ *os.File }{os.Stderr}
	err := cmd.Run()
	if err == nil {
		return &pulumirpc.RunResponse{}
	}
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		if status, ok := exitErr.Sys().(syscall.WaitStatus); ok {
			if status.ExitStatus() == bailExitCode {
				return &pulumirpc.RunResponse{Bail: true}
			}
			return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited with non-zero exit code: %d", status.ExitStatus())}
		}
	}
	return &pulumirpc.RunResponse{Error: fmt.Sprintf("Problem executing program (could not run language executor): %v", err)}
}

// ExitError turns a plugin's exit into the error RunPlugin returns.
func ExitError(err error) error {
	if err == nil {
		return nil
	}
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		if status, ok := exitErr.Sys().(syscall.WaitStatus); ok {
			return fmt.Errorf("Program exited with non-zero exit code: %d", status.ExitStatus())
		}
	}
	return fmt.Errorf("Problem executing plugin program (could not run language executor): %w", err)
}

// ProgramDirectory is the program's folder from ProgramInfo, else the fallback (older engines send pwd only).
func ProgramDirectory(info *pulumirpc.ProgramInfo, fallback string) string {
	if info != nil && info.ProgramDirectory != "" {
		return info.ProgramDirectory
	}
	return fallback
}
