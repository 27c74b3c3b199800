package main

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"slices"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// dockerBuild is the build command the Dockerfile must use; .ci/run
// builds with the same words and checks the result is static.
const dockerBuild = `CGO_ENABLED=0 go build -trimpath -ldflags "-s -w"`

// parseDockerfile parses a Dockerfile with BuildKit's own parser and
// instruction decoder, as `docker build` does, so an unknown instruction
// or flag (COPY --chwon) fails here. Parser and linter warnings count as
// errors too.
func parseDockerfile(data []byte) ([]instructions.Stage, error) {
	res, err := parser.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	var warnings []string
	for _, w := range res.Warnings {
		warnings = append(warnings, w.Short)
	}
	lint := linter.New(&linter.Config{Warn: func(rule, _, _, msg string, loc []parser.Range) {
		line := 0
		if len(loc) > 0 {
			line = loc[0].Start.Line
		}
		warnings = append(warnings, fmt.Sprintf("line %d: %s: %s", line, rule, msg))
	}})
	stages, _, err := instructions.Parse(res.AST, lint)
	if err != nil {
		return nil, err
	}
	if len(warnings) > 0 {
		return nil, fmt.Errorf("warnings: %s", strings.Join(warnings, "; "))
	}
	return stages, nil
}

// checkDockerfile checks that the image is what the README and the deploy
// files assume: built in a separate stage with the static build command,
// running a non-root user with a health check, the health port exposed and
// the library folder a volume.
func checkDockerfile(path string) []error {
	data, err := os.ReadFile(path)
	if err != nil {
		return []error{err}
	}
	stages, err := parseDockerfile(data)
	if err != nil {
		return []error{fmt.Errorf("%s: %w", path, err)}
	}
	var errs []error
	fail := func(format string, a ...any) {
		errs = append(errs, fmt.Errorf("%s: "+format, append([]any{path}, a...)...))
	}
	if len(stages) < 2 {
		fail("got %d stage(s); want a build stage and a runtime stage", len(stages))
		return errs
	}
	build, final := stages[0], stages[len(stages)-1]
	if !strings.HasPrefix(build.BaseName, "golang:1.26") {
		fail("got build stage FROM %s; want golang:1.26", build.BaseName)
	}
	if !strings.HasPrefix(final.BaseName, "gcr.io/distroless/static") && final.BaseName != "scratch" {
		fail("got runtime stage FROM %s; want distroless/static or scratch (no libc, no shell)", final.BaseName)
	}

	var built bool
	for _, c := range build.Commands {
		if r, ok := c.(*instructions.RunCommand); ok && strings.Contains(strings.Join(r.CmdLine, " "), dockerBuild) {
			built = true
		}
	}
	if !built {
		fail("the build stage does not RUN %s", dockerBuild)
	}

	var (
		user, healthAddr string
		health           bool
		exposed, volumes []string
		env              = map[string]string{}
		entrypoint       []string
	)
	for _, c := range final.Commands {
		switch c := c.(type) {
		case *instructions.UserCommand:
			user = c.User
		case *instructions.HealthCheckCommand:
			health = len(c.Health.Test) > 0 && c.Health.Test[0] != "NONE"
		case *instructions.ExposeCommand:
			exposed = append(exposed, c.Ports...)
		case *instructions.VolumeCommand:
			volumes = append(volumes, c.Volumes...)
		case *instructions.EnvCommand:
			for _, kv := range c.Env {
				env[kv.Key] = kv.Value
			}
		case *instructions.EntrypointCommand:
			entrypoint = c.CmdLine
			if c.PrependShell {
				fail("ENTRYPOINT must be in exec form: the image has no shell")
			}
		}
	}
	if uid, _, _ := strings.Cut(user, ":"); uid == "" || uid == "0" || uid == "root" {
		fail("got USER %q in the runtime stage; want a non-root user", user)
	}
	if !health {
		fail("the runtime stage needs a HEALTHCHECK")
	}
	if len(entrypoint) == 0 {
		fail("the runtime stage needs an ENTRYPOINT")
	}
	healthAddr = env["HTTP_ADDR"]
	if _, port, err := net.SplitHostPort(healthAddr); err != nil {
		fail("got ENV HTTP_ADDR %q; want :PORT so /healthz is served", healthAddr)
	} else if !slices.Contains(exposed, port) && !slices.Contains(exposed, port+"/tcp") {
		fail("got EXPOSE %v; want the HTTP_ADDR port %s", exposed, port)
	}
	if dir := env["CONTENT_DIR"]; dir != "" && !slices.Contains(volumes, dir) {
		fail("got VOLUME %v; want CONTENT_DIR %s a volume, so a read-only root still lets moderators save", volumes, dir)
	}
	return errs
}

// checkDockerignore makes sure the build context never carries the token
// file or the repository history into an image layer.
func checkDockerignore(path string) []error {
	data, err := os.ReadFile(path)
	if err != nil {
		return []error{err}
	}
	lines := strings.Fields(string(data))
	var errs []error
	for _, want := range []string{".env", ".git"} {
		if !slices.Contains(lines, want) && !slices.Contains(lines, "/"+want) {
			errs = append(errs, fmt.Errorf("%s: does not exclude %s", path, want))
		}
	}
	return errs
}
