package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	appsv1 "k8s.io/api/apps/v1"

	"github.com/joho/godotenv"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// runtimeVars are variables for the Go runtime rather than the bot, which
// deployments may set without .env.example listing them.
var runtimeVars = []string{"GOMEMLIMIT", "GOMAXPROCS", "GOGC", "GODEBUG"}

// loadEnvExample reads .env.example with the parser the bot reads .env
// with, so the example is known to be a valid .env.
func loadEnvExample(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return godotenv.Parse(f)
}

// checkEnvNames checks .env.example and every variable name the deploy
// files set against it. The strict decoders cannot see a misspelt variable
// (SHARD_COUT is a fine string to Kubernetes); the bot would silently
// ignore it, so every name set must be one .env.example documents.
func checkEnvNames(root string) []error {
	path := filepath.Join(root, ".env.example")
	known, err := loadEnvExample(path)
	if err != nil {
		return []error{fmt.Errorf("%s: %w", path, err)}
	}
	var errs []error
	if v := known["DISCORD_TOKEN"]; v != "" {
		errs = append(errs, fmt.Errorf("%s: DISCORD_TOKEN holds %d characters; leave it empty in the example", path, len(v)))
	}
	check := func(file, name string) {
		if _, ok := known[name]; !ok && !slices.Contains(runtimeVars, name) {
			errs = append(errs, fmt.Errorf("%s: sets %s, which is not a citebot variable (see .env.example)", file, name))
		}
	}

	deploy := filepath.Join(root, "deploy")
	ms, _ := loadKubernetes(filepath.Join(deploy, "k8s")) // decode errors are checkKubernetes's to report
	for _, m := range ms {
		if s, ok := m.obj.(*appsv1.StatefulSet); ok {
			for _, c := range s.Spec.Template.Spec.Containers {
				for _, e := range c.Env {
					check(filepath.Join("deploy/k8s", m.file), e.Name)
				}
			}
		}
	}
	if p, err := loadCompose(filepath.Join(deploy, "docker-compose.yml")); err == nil {
		for _, s := range p.Services {
			for name := range s.Environment {
				check("deploy/docker-compose.yml", name)
			}
		}
	}
	if data, err := os.ReadFile(filepath.Join(deploy, "systemd", "citebot.service")); err == nil {
		if u, err := parseUnit(data); err == nil {
			for _, env := range u["Service"]["Environment"] {
				for _, kv := range strings.Fields(env) {
					name, _, _ := strings.Cut(strings.Trim(kv, `"`), "=")
					check("deploy/systemd/citebot.service", name)
				}
			}
		}
	}
	if data, err := os.ReadFile(filepath.Join(root, "Dockerfile")); err == nil {
		if stages, err := parseDockerfile(data); err == nil {
			for _, c := range stages[len(stages)-1].Commands {
				if e, ok := c.(*instructions.EnvCommand); ok {
					for _, kv := range e.Env {
						check("Dockerfile", kv.Key)
					}
				}
			}
		}
	}
	return errs
}
