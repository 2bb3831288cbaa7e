// The Python SDK of the component provider, from its schema, with the pinned codegen (pkg/v3/codegen/python):
// the engine's own Python host (engine/cmd/pulumi-language-python) has no GeneratePackage, which `pulumi
// package gen-sdk --language python` calls. Usage: gen <provider schema.json> <azure-native schema.json> <out dir>
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

type loader struct{ azure *schema.Package }

func (l *loader) LoadPackage(pkg string, _ *semver.Version) (*schema.Package, error) {
	if pkg == "azure-native" {
		return l.azure, nil
	}
	return nil, fmt.Errorf("no package %s", pkg)
}
func (l *loader) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return l.LoadPackage(d.Name, nil)
}
func (l *loader) LoadPackageReference(pkg string, v *semver.Version) (schema.PackageReference, error) {
	p, err := l.LoadPackage(pkg, v)
	if err != nil {
		return nil, err
	}
	return p.Reference(), nil
}
func (l *loader) LoadPackageReferenceV2(ctx context.Context, d *schema.PackageDescriptor) (schema.PackageReference, error) {
	return l.LoadPackageReference(d.Name, nil)
}

func read(path string) schema.PackageSpec {
	b, err := os.ReadFile(path)
	must(err)
	var spec schema.PackageSpec
	must(json.Unmarshal(b, &spec))
	return spec
}
func must(err error) {
	if err != nil {
		panic(err)
	}
}

func main() {
	l := &loader{}
	azure, err := schema.ImportSpec(read(os.Args[2]), nil, l, schema.ValidationOptions{})
	must(err)
	l.azure = azure
	pkg, diags, err := schema.BindSpec(read(os.Args[1]), l, schema.ValidationOptions{})
	must(err)
	if diags.HasErrors() {
		panic(diags.Error())
	}
	files, err := python.GeneratePackage("pulumi", pkg, nil, l)
	must(err)
	for name, body := range files {
		out := filepath.Join(os.Args[3], name)
		must(os.MkdirAll(filepath.Dir(out), 0o755))
		must(os.WriteFile(out, body, 0o644))
	}
}
