// Command check proves that the deployment files under deploy/ mean what
// they say, without a cluster, a Docker engine or systemd running.
//
// Each kind of file is read by the parser its real consumer uses, in strict
// mode, so a misspelt field fails here instead of being silently dropped by
// kubectl or docker compose on the day of the deploy:
//
//   - Kubernetes manifests: decoded with the official API types
//     (k8s.io/api) by apimachinery's strict deserializer, which rejects
//     unknown and duplicated fields.
//   - docker-compose.yml: loaded with the Compose specification's own Go
//     loader (compose-go), with schema validation on.
//   - the systemd unit: parsed as INI here, and verified with
//     systemd-analyze when the machine has it.
//   - the Dockerfile: parsed with BuildKit's own parser and instruction
//     decoder, with its linter's warnings as errors.
//
// Every variable the files set must be one .env.example documents, which
// catches a misspelt name that every parser accepts.
//
// On top of parsing, it checks the promises the manifests make to each
// other and to the bot: SHARD_ID comes from the pod index, SHARD_COUNT
// equals the replica count, probes hit /healthz, selectors match.
//
// It lives in a Go module of its own so that none of these dependencies
// enter the bot's go.mod. Run it with `go test ./...` (which also checks the
// repository's files) or `go run . [REPO_ROOT]`.
package main

import (
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	root := filepath.Join("..", "..")
	if len(os.Args) > 1 {
		root = os.Args[1]
	}
	errs := checkRepo(root)
	for _, err := range errs {
		fmt.Fprintln(os.Stderr, "deploy check:", err)
	}
	if len(errs) > 0 {
		os.Exit(1)
	}
	fmt.Println("deploy check: Kubernetes manifests, docker-compose.yml, systemd unit, Dockerfile, .dockerignore and variable names OK")
}

// checkRepo checks every deployment file of the repository at root: the
// Dockerfile and .dockerignore at the top, the rest under deploy/.
func checkRepo(root string) []error {
	deploy := filepath.Join(root, "deploy")
	var errs []error
	errs = append(errs, checkKubernetes(filepath.Join(deploy, "k8s"))...)
	errs = append(errs, checkCompose(filepath.Join(deploy, "docker-compose.yml"))...)
	errs = append(errs, checkSystemd(filepath.Join(deploy, "systemd", "citebot.service"))...)
	errs = append(errs, checkDockerfile(filepath.Join(root, "Dockerfile"))...)
	errs = append(errs, checkDockerignore(filepath.Join(root, ".dockerignore"))...)
	errs = append(errs, checkEnvNames(root)...)
	return errs
}
