//go:build tools

// The engine's main package, pinned by go.mod: the Pulumi CLI. Our own Node.js and Python language hosts
// are ./cmd (see their headers for why); the YAML host is built from ./yaml, a module of its own.
package tools

import (
	_ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
)
