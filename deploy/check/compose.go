package main

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/types"
)

// composeService is the service docker-compose.yml must define.
const composeService = "citebot"

// loadCompose loads a compose file with the Compose specification's loader,
// schema validation and consistency checks on, as `docker compose` does. It
// sees no environment and does not merge env_file into environment, so the
// result depends on neither the shell nor a developer's .env.
func loadCompose(path string) (*types.Project, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	details := types.ConfigDetails{
		WorkingDir:  filepath.Dir(abs),
		ConfigFiles: []types.ConfigFile{{Filename: abs}},
		Environment: types.Mapping{},
	}
	return loader.LoadWithContext(context.Background(), details, func(o *loader.Options) {
		o.SetProjectName("citebot", false)
		// Check what the file says, not what a developer's .env adds to it.
		o.SkipResolveEnvironment = true
	})
}

// checkCompose loads the compose file and checks that the bot runs the way
// the image was built to run: non-root, read-only, with a library volume
// and a health check.
func checkCompose(path string) []error {
	p, err := loadCompose(path)
	if err != nil {
		return []error{fmt.Errorf("%s: %w", path, err)}
	}
	s, ok := p.Services[composeService]
	if !ok {
		return []error{fmt.Errorf("%s: no service %q", path, composeService)}
	}
	var errs []error
	fail := func(format string, a ...any) {
		errs = append(errs, fmt.Errorf("%s: service %s: "+format, append([]any{path, s.Name}, a...)...))
	}
	if !s.ReadOnly {
		fail("read_only must be true")
	}
	if uid, _, _ := strings.Cut(s.User, ":"); uid == "" || uid == "0" || uid == "root" {
		fail("got user %q; want a non-root user", s.User)
	}
	if s.Restart == "" || s.Restart == types.RestartPolicyNo {
		fail("got restart %q; want a restart policy", s.Restart)
	}
	if s.HealthCheck == nil || s.HealthCheck.Disable || len(s.HealthCheck.Test) == 0 {
		fail("needs a healthcheck")
	}
	if !slices.Contains(s.CapDrop, "ALL") {
		fail("cap_drop must include ALL")
	}
	if len(s.EnvFiles) == 0 {
		fail("needs an env_file for the token")
	}
	if v := s.Environment["DISCORD_TOKEN"]; v != nil && *v != "" {
		fail("DISCORD_TOKEN must come from the env_file, not the compose file")
	}

	dir := s.Environment["CONTENT_DIR"]
	if dir == nil || *dir == "" {
		fail("CONTENT_DIR is not set, so moderators' changes would be lost with the container")
		return errs
	}
	var onVolume bool
	for _, v := range s.Volumes {
		if v.Target != *dir {
			continue
		}
		if _, named := p.Volumes[v.Source]; v.Type == types.VolumeTypeVolume && named {
			onVolume = true
		}
	}
	if !onVolume {
		fail("CONTENT_DIR %q must be a named volume's mount point", *dir)
	}
	return errs
}
