//go:build tools

// The engine's main packages, pinned by go.mod: the Pulumi CLI and the YAML language host.
// Our own Node.js language host is ./cmd/pulumi-language-nodejs (see its header for why).
package tools

import (
	_ "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"
	_ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
)
