package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// repoRoot is the repository holding this module.
const repoRoot = "../.."

// TestRepositoryDeployFiles is the check CI relies on: the committed files
// pass every check.
func TestRepositoryDeployFiles(t *testing.T) {
	for _, err := range checkRepo(repoRoot) {
		t.Error(err)
	}
}

// mutation is one edit to a copy of the deploy folder and the error it
// must cause.
type mutation struct {
	name      string
	file      string // relative to the repository root
	old, new  string // old must occur in the file
	wantError string // a substring of one of the errors
}

// runMutations applies each mutation to a fresh copy of deploy/, runs
// checkRepo on it and wants the named error. The untouched copy passes
// (TestRepositoryDeployFiles), so each failure is the edit's doing.
func runMutations(t *testing.T, cases []mutation) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			root := copyDeploy(t)
			path := filepath.Join(root, tc.file)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(data), tc.old) {
				t.Fatalf("%s does not contain %q; the test is out of date", tc.file, tc.old)
			}
			edited := strings.Replace(string(data), tc.old, tc.new, 1)
			if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
				t.Fatal(err)
			}
			errs := checkRepo(root)
			var got []string
			for _, err := range errs {
				got = append(got, err.Error())
				if strings.Contains(err.Error(), tc.wantError) {
					return
				}
			}
			t.Errorf("got errors %q; want one containing %q", got, tc.wantError)
		})
	}
}

// copyDeploy copies the repository's deploy files (not this module), the
// Dockerfile, .dockerignore and .env.example into a temporary repository
// root.
func copyDeploy(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for _, f := range []string{"Dockerfile", ".dockerignore", ".env.example"} {
		data, err := os.ReadFile(filepath.Join(repoRoot, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	src := filepath.Join(repoRoot, "deploy")
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() && rel == "check" {
			return filepath.SkipDir
		}
		dst := filepath.Join(root, "deploy", rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return root
}

func TestKubernetesFieldTypos(t *testing.T) {
	runMutations(t, []mutation{
		{"replicas", "deploy/k8s/statefulset.yaml", "  replicas: 2", "  replica: 2", `unknown field "spec.replica"`},
		{"containerPort", "deploy/k8s/statefulset.yaml", "containerPort: 8080", "containerPorts: 8080", `unknown field "spec.template.spec.containers[0].ports[0].containerPorts"`},
		{"fieldPath", "deploy/k8s/statefulset.yaml", "fieldPath:", "fieldpath:", `unknown field "spec.template.spec.containers[0].env[1].valueFrom.fieldRef.fieldpath"`},
		{"duplicate field", "deploy/k8s/statefulset.yaml", "  serviceName: citebot", "  serviceName: citebot\n  serviceName: other", `key "serviceName" already set`},
		{"kind", "deploy/k8s/statefulset.yaml", "kind: StatefulSet", "kind: Statefulset", `no kind "Statefulset" is registered`},
		{"service clusterIP", "deploy/k8s/service.yaml", "clusterIP: None", "clusterIp: None", `unknown field "spec.clusterIp"`},
		{"pvc accessModes", "deploy/k8s/pvc.yaml", "accessModes:", "accessMode:", `unknown field "spec.accessMode"`},
		{"pdb maxUnavailable", "deploy/k8s/pdb.yaml", "maxUnavailable: 1", "maxUnavailble: 1", `unknown field "spec.maxUnavailble"`},
		{"secret stringData", "deploy/k8s/templates/secret.yaml", "stringData:", "stringdata:", `unknown field "stringdata"`},
		{"configmap data", "deploy/k8s/templates/library-configmap.yaml", "\ndata:", "\ndate:", `unknown field "date"`},
	})
}

func TestKubernetesMeaning(t *testing.T) {
	runMutations(t, []mutation{
		{"shard count differs from replicas", "deploy/k8s/statefulset.yaml", `value: "2"`, `value: "3"`, `got env SHARD_COUNT "3"; want "2"`},
		{"replicas changed alone", "deploy/k8s/statefulset.yaml", "  replicas: 2", "  replicas: 4", `got env SHARD_COUNT "2"; want "4"`},
		{"shard id from pod name", "deploy/k8s/statefulset.yaml", podIndexField, "metadata.name", "SHARD_ID must come from fieldRef"},
		{"readiness path", "deploy/k8s/statefulset.yaml", "readinessProbe:\n            httpGet:\n              path: /healthz", "readinessProbe:\n            httpGet:\n              path: /ready", `got readinessProbe path "/ready"; want "/healthz"`},
		{"liveness port", "deploy/k8s/statefulset.yaml", "livenessProbe:\n            httpGet:\n              path: /healthz\n              port: http", "livenessProbe:\n            httpGet:\n              path: /healthz\n              port: 9090", "livenessProbe port 9090 is not the HTTP_ADDR port 8080"},
		{"health off", "deploy/k8s/statefulset.yaml", `value: ":8080"`, `value: ""`, "HTTP_ADDR is empty"},
		{"token inline", "deploy/k8s/statefulset.yaml", "- name: DISCORD_TOKEN\n              valueFrom:\n                secretKeyRef:\n                  name: citebot-discord\n                  key: DISCORD_TOKEN", "- name: DISCORD_TOKEN\n              value: abc", "must come from a secretKeyRef"},
		{"token secret name", "deploy/k8s/statefulset.yaml", "name: citebot-discord", "name: citebot-token", `refers to secret "citebot-token"`},
		{"pdb selects nothing", "deploy/k8s/pdb.yaml", "    matchLabels:\n      app.kubernetes.io/name: citebot", "    matchLabels:\n      app.kubernetes.io/name: other", "no PodDisruptionBudget selects its pods"},
		{"not headless", "deploy/k8s/service.yaml", "  clusterIP: None\n", "", "does not name a headless Service"},
		{"library not shared", "deploy/k8s/pvc.yaml", `["ReadWriteMany"]`, `["ReadWriteOnce"]`, "must be ReadWriteMany"},
		{"no memory limit", "deploy/k8s/statefulset.yaml", "            limits:\n              memory: 512Mi\n", "", "needs a memory limit"},
		{"writable root", "deploy/k8s/statefulset.yaml", "readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false", "readOnlyRootFilesystem: true"},
		{"real-looking token", "deploy/k8s/templates/secret.yaml", "REPLACE_WITH_YOUR_BOT_TOKEN", "MTIzNDU2Nzg5.GhIjKl.MnOpQrStUvWxYz", "never commit a token"},
	})
}

func TestComposeTypos(t *testing.T) {
	runMutations(t, []mutation{
		{"read_only", "deploy/docker-compose.yml", "read_only: true", "readonly: true", "services.citebot.readonly"},
		{"restart", "deploy/docker-compose.yml", "restart: unless-stopped", "restrat: unless-stopped", "services.citebot.restrat"},
		{"healthcheck interval", "deploy/docker-compose.yml", "interval: 30s", "intervall: 30s", "services.citebot.healthcheck additional properties 'intervall' not allowed"},
		{"env_file required", "deploy/docker-compose.yml", "required: false", "requried: false", "services.citebot.env_file"},
		{"top-level volumes", "deploy/docker-compose.yml", "\nvolumes:\n  library:", "\nvolume:\n  library:", "volume"},
	})
}

func TestComposeMeaning(t *testing.T) {
	runMutations(t, []mutation{
		{"root user", "deploy/docker-compose.yml", `user: "65532:65532"`, `user: "0:0"`, `got user "0:0"; want a non-root user`},
		{"writable root", "deploy/docker-compose.yml", "read_only: true", "read_only: false", "read_only must be true"},
		{"no healthcheck", "deploy/docker-compose.yml", `test: ["CMD", "/citebot", "health"]`, "disable: true", "needs a healthcheck"},
		{"library outside the volume", "deploy/docker-compose.yml", "CONTENT_DIR: /data", "CONTENT_DIR: /srv", `CONTENT_DIR "/srv" must be a named volume's mount point`},
		{"token inline", "deploy/docker-compose.yml", "HTTP_ADDR: \":8080\"", "HTTP_ADDR: \":8080\"\n      DISCORD_TOKEN: abc", "DISCORD_TOKEN must come from the env_file"},
		{"undeclared volume", "deploy/docker-compose.yml", "- library:/data", "- librari:/data", "librari"},
	})
}

func TestSystemdHardening(t *testing.T) {
	runMutations(t, []mutation{
		{"misspelt key", "deploy/systemd/citebot.service", "ProtectSystem=strict", "ProtectSytem=strict", "[Service] ProtectSystem is missing; want ProtectSystem=strict"},
		{"weakened", "deploy/systemd/citebot.service", "DynamicUser=yes", "DynamicUser=no", "got [Service] DynamicUser=no; want DynamicUser=yes"},
		{"capabilities", "deploy/systemd/citebot.service", "CapabilityBoundingSet=\n", "CapabilityBoundingSet=CAP_NET_ADMIN\n", "got [Service] CapabilityBoundingSet=CAP_NET_ADMIN; want CapabilityBoundingSet="},
		{"syscall filter", "deploy/systemd/citebot.service", "SystemCallFilter=@system-service", "SystemCallFilter=@default", "want SystemCallFilter=@system-service"},
		{"library not writable", "deploy/systemd/citebot.service", "CONTENT_DIR=%S/citebot", "CONTENT_DIR=/srv/citebot", `got CONTENT_DIR "/srv/citebot"; want it inside the state directory /var/lib/citebot`},
		{"not enabled", "deploy/systemd/citebot.service", "WantedBy=multi-user.target", "", "[Install] WantedBy is missing"},
		{"bad line", "deploy/systemd/citebot.service", "[Install]", "[Install", "unterminated section header"},
	})
}

func TestDockerfile(t *testing.T) {
	runMutations(t, []mutation{
		{"unknown flag", "Dockerfile", "COPY --from=build --chown=", "COPY --from=build --chwon=", "unknown flag: --chwon"},
		{"unknown instruction", "Dockerfile", "STOPSIGNAL SIGTERM", "STOPSIGNALS SIGTERM", "unknown instruction: STOPSIGNALS"},
		{"lint: casing", "Dockerfile", "FROM golang:1.26 AS build", "FROM golang:1.26 as build", "FromAsCasing"},
		{"root user", "Dockerfile", "USER 65532:65532", "USER root", `got USER "root" in the runtime stage; want a non-root user`},
		{"dynamic build", "Dockerfile", "RUN CGO_ENABLED=0 go build", "RUN go build", "the build stage does not RUN " + dockerBuild},
		{"no health check", "Dockerfile", `CMD ["/citebot", "health"]`, "NONE", "needs a HEALTHCHECK"},
		{"health port not exposed", "Dockerfile", "EXPOSE 8080", "EXPOSE 9090", "want the HTTP_ADDR port 8080"},
		{"library not a volume", "Dockerfile", `VOLUME ["/data"]`, `VOLUME ["/srv"]`, "want CONTENT_DIR /data a volume"},
		{"shell entrypoint", "Dockerfile", `ENTRYPOINT ["/citebot"]`, "ENTRYPOINT /citebot", "exec form"},
		{"one stage", "Dockerfile", "FROM gcr.io/distroless/static-debian12:nonroot\n", "", "want a build stage and a runtime stage"},
		{"dockerignore lets .env in", ".dockerignore", "\n.env\n", "\n", "does not exclude .env"},
	})
}

func TestEnvNames(t *testing.T) {
	runMutations(t, []mutation{
		{"statefulset", "deploy/k8s/statefulset.yaml", "- name: LOG_LEVEL", "- name: LOGLEVEL", "deploy/k8s/statefulset.yaml: sets LOGLEVEL, which is not a citebot variable"},
		{"compose", "deploy/docker-compose.yml", "HTTP_ADDR:", "HTTP_ADR:", "deploy/docker-compose.yml: sets HTTP_ADR, which is not a citebot variable"},
		{"systemd", "deploy/systemd/citebot.service", "Environment=HTTP_ADDR=", "Environment=HTTPADDR=", "deploy/systemd/citebot.service: sets HTTPADDR, which is not a citebot variable"},
		{"dockerfile", "Dockerfile", "ENV CONTENT_DIR=/data", "ENV CONTENTDIR=/data", "Dockerfile: sets CONTENTDIR, which is not a citebot variable"},
		{"example holds a token", ".env.example", "\nDISCORD_TOKEN=\n", "\nDISCORD_TOKEN=abc.def.ghi\n", "DISCORD_TOKEN holds 11 characters"},
		{"example forgets a variable", ".env.example", "\nRELOAD_INTERVAL=30s\n", "\n", "sets RELOAD_INTERVAL, which is not a citebot variable"},
	})
}

// TestSystemdAnalyze shows what only systemd itself knows: a misspelling of
// a key the INI check does not require. It needs systemd-analyze.
func TestSystemdAnalyze(t *testing.T) {
	if _, err := exec.LookPath("systemd-analyze"); err != nil {
		t.Skip("systemd-analyze is not installed; the INI checks still ran")
	}
	runMutations(t, []mutation{
		{"unknown key", "deploy/systemd/citebot.service", "ProtectKernelLogs=yes", "ProtectKernelLog=yes", "Unknown key"},
		{"unknown syscall group", "deploy/systemd/citebot.service", "SystemCallFilter=~@privileged", "SystemCallFilter=~@privilegd", "@privilegd"},
	})
}

func TestParseUnit(t *testing.T) {
	tests := []struct {
		name, in  string
		section   string
		key, want string // want is the last value of key; "" with wantErr
		wantErr   string
	}{
		{"plain", "[Service]\nUser=a\n", "Service", "User", "a", ""},
		{"repeated key keeps the last", "[Service]\nUser=a\nUser=b\n", "Service", "User", "b", ""},
		{"empty value", "[Service]\nCapabilityBoundingSet=\n", "Service", "CapabilityBoundingSet", "", ""},
		{"comments", "# c\n; c\n[Service]\n# User=x\nUser=a\n", "Service", "User", "a", ""},
		{"continuation", "[Service]\nExecStart=/bin/a \\\n  --flag\n", "Service", "ExecStart", "/bin/a  --flag", ""},
		{"value with equals", "[Service]\nEnvironment=A=1\n", "Service", "Environment", "A=1", ""},
		{"outside section", "User=a\n", "", "", "", "outside any section"},
		{"no equals", "[Service]\nUser\n", "", "", "", "is not Key=Value"},
		{"open header", "[Service\n", "", "", "", "unterminated section header"},
		{"dangling continuation", "[Service]\nExecStart=a \\\n", "", "", "", "line continuation"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			u, err := parseUnit([]byte(tc.in))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("got error %v; want one containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("got error %v; want none", err)
			}
			vals, ok := u[tc.section][tc.key]
			if !ok {
				t.Fatalf("got no [%s] %s; want %q", tc.section, tc.key, tc.want)
			}
			if got := lastValue(vals); got != tc.want {
				t.Errorf("got %q; want %q", got, tc.want)
			}
		})
	}
}
