//go:build tools

// The YAML language host, in a module of its own: pulumi-yaml v1.37.0 is built against pkg/v3 v3.247.0,
// whose API v3.248.0 changed, so it keeps its own requirements (it talks to the engine over gRPC only).
package tools

import _ "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"
