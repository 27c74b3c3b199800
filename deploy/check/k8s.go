package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer"
	"k8s.io/apimachinery/pkg/util/intstr"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"
)

// podIndexField is where Kubernetes (>= 1.28) puts a StatefulSet pod's
// ordinal; the bot's shard number must come from it.
const podIndexField = "metadata.labels['apps.kubernetes.io/pod-index']"

// healthPath is the bot's health endpoint, served on HTTP_ADDR.
const healthPath = "/healthz"

// manifest is one decoded Kubernetes object and the file it came from.
type manifest struct {
	file string
	obj  runtime.Object
}

// newDecoder returns apimachinery's universal deserializer for the API
// groups the manifests use, in strict mode: an unknown or duplicated field
// is an error, not a silently dropped setting.
func newDecoder() (runtime.Decoder, error) {
	scheme := runtime.NewScheme()
	for _, add := range []func(*runtime.Scheme) error{
		corev1.AddToScheme, appsv1.AddToScheme, policyv1.AddToScheme,
	} {
		if err := add(scheme); err != nil {
			return nil, err
		}
	}
	return serializer.NewCodecFactory(scheme, serializer.EnableStrict).UniversalDeserializer(), nil
}

// decodeFile decodes every YAML document of a manifest file strictly.
// Documents holding only comments are skipped. An object with unknown or
// duplicated fields is reported and still returned, so the checks of what
// it means run too.
func decodeFile(dec runtime.Decoder, path string) ([]runtime.Object, []error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, []error{err}
	}
	defer f.Close()
	r := utilyaml.NewYAMLReader(bufio.NewReader(f))
	var objs []runtime.Object
	var errs []error
	for n := 1; ; n++ {
		doc, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return objs, append(errs, fmt.Errorf("%s: document %d: %w", path, n, err))
		}
		if j, err := yaml.YAMLToJSON(doc); err == nil && strings.TrimSpace(string(j)) == "null" {
			continue
		}
		obj, _, err := dec.Decode(doc, nil, nil)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: document %d: %w", path, n, err))
			if obj == nil || !runtime.IsStrictDecodingError(err) {
				continue
			}
		}
		objs = append(objs, obj)
	}
	if len(objs) == 0 && len(errs) == 0 {
		errs = append(errs, fmt.Errorf("%s: no Kubernetes object", path))
	}
	return objs, errs
}

// loadKubernetes decodes every .yaml and .yml file under dir, templates
// included, and reports each problem it finds.
func loadKubernetes(dir string) ([]manifest, []error) {
	dec, err := newDecoder()
	if err != nil {
		return nil, []error{err}
	}
	var ms []manifest
	var errs []error
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		ext := filepath.Ext(path)
		if d.IsDir() || (ext != ".yaml" && ext != ".yml") {
			return nil
		}
		objs, fileErrs := decodeFile(dec, path)
		errs = append(errs, fileErrs...)
		rel, _ := filepath.Rel(dir, path)
		for _, o := range objs {
			ms = append(ms, manifest{file: rel, obj: o})
		}
		return nil
	})
	if err != nil {
		errs = append(errs, err)
	}
	return ms, errs
}

// checkKubernetes decodes the manifests under dir and checks what they
// promise each other and the bot.
func checkKubernetes(dir string) []error {
	ms, errs := loadKubernetes(dir)
	if len(ms) == 0 && len(errs) == 0 {
		return []error{fmt.Errorf("%s: no manifests", dir)}
	}
	return append(errs, checkCluster(ms)...)
}

// checkCluster checks the decoded objects as one deployment.
func checkCluster(ms []manifest) []error {
	var (
		sets     []*appsv1.StatefulSet
		services []*corev1.Service
		pvcs     = map[string]*corev1.PersistentVolumeClaim{}
		secrets  = map[string]*corev1.Secret{}
		pdbs     []*policyv1.PodDisruptionBudget
		errs     []error
	)
	for _, m := range ms {
		switch o := m.obj.(type) {
		case *appsv1.StatefulSet:
			sets = append(sets, o)
		case *corev1.Service:
			services = append(services, o)
		case *corev1.PersistentVolumeClaim:
			pvcs[o.Name] = o
		case *corev1.Secret:
			secrets[o.Name] = o
			errs = append(errs, checkSecret(m.file, o)...)
		case *policyv1.PodDisruptionBudget:
			pdbs = append(pdbs, o)
		}
	}
	if len(sets) == 0 {
		errs = append(errs, errors.New("no StatefulSet: the sharded bot needs one"))
	}
	for _, s := range sets {
		errs = append(errs, checkStatefulSet(s, services, pvcs, secrets, pdbs)...)
	}
	return errs
}

// checkSecret refuses anything that looks like a committed token.
func checkSecret(file string, s *corev1.Secret) []error {
	var errs []error
	for k, v := range s.StringData {
		if !strings.Contains(v, "REPLACE") {
			errs = append(errs, fmt.Errorf("%s: secret %s: %s holds %d characters that are not a REPLACE… placeholder; never commit a token", file, s.Name, k, len(v)))
		}
	}
	for k := range s.Data {
		errs = append(errs, fmt.Errorf("%s: secret %s: %s is set in data; templates use a stringData placeholder", file, s.Name, k))
	}
	return errs
}

// checkStatefulSet checks one StatefulSet against the bot's configuration
// contract and against the other objects it refers to.
func checkStatefulSet(s *appsv1.StatefulSet, services []*corev1.Service, pvcs map[string]*corev1.PersistentVolumeClaim, secrets map[string]*corev1.Secret, pdbs []*policyv1.PodDisruptionBudget) []error {
	var errs []error
	fail := func(format string, a ...any) {
		errs = append(errs, fmt.Errorf("statefulset %s: "+format, append([]any{s.Name}, a...)...))
	}
	podLabels := labels.Set(s.Spec.Template.Labels)
	replicas := int32(1) // the API's default
	if s.Spec.Replicas != nil {
		replicas = *s.Spec.Replicas
	}

	if !selects(s.Spec.Selector, podLabels) {
		fail("spec.selector does not match the pod template's labels %v", podLabels)
	}

	var headless bool
	for _, svc := range services {
		if svc.Name == s.Spec.ServiceName {
			headless = svc.Spec.ClusterIP == corev1.ClusterIPNone
			if !labels.SelectorFromSet(svc.Spec.Selector).Matches(podLabels) || len(svc.Spec.Selector) == 0 {
				fail("service %s does not select the pods", svc.Name)
			}
		}
	}
	if !headless {
		fail("spec.serviceName %q does not name a headless Service (clusterIP: None) in the manifests", s.Spec.ServiceName)
	}

	var covered bool
	for _, p := range pdbs {
		if selects(p.Spec.Selector, podLabels) {
			covered = true
		}
	}
	if !covered {
		fail("no PodDisruptionBudget selects its pods")
	}

	pod := s.Spec.Template.Spec
	if len(pod.Containers) == 0 {
		fail("no containers")
		return errs
	}
	c := pod.Containers[0]
	env := map[string]corev1.EnvVar{}
	for _, e := range c.Env {
		env[e.Name] = e
	}

	// Sharding: each pod's shard from its ordinal, the count from replicas.
	if e, ok := env["SHARD_ID"]; !ok || e.ValueFrom == nil || e.ValueFrom.FieldRef == nil || e.ValueFrom.FieldRef.FieldPath != podIndexField {
		fail("env SHARD_ID must come from fieldRef %s", podIndexField)
	}
	if got, want := env["SHARD_COUNT"].Value, strconv.Itoa(int(replicas)); got != want {
		fail("got env SHARD_COUNT %q; want %q, equal to spec.replicas", got, want)
	}

	// The token comes from a Secret, never from the manifest itself.
	tok, ok := env["DISCORD_TOKEN"]
	switch {
	case !ok:
		fail("env DISCORD_TOKEN is missing")
	case tok.Value != "" || tok.ValueFrom == nil || tok.ValueFrom.SecretKeyRef == nil:
		fail("env DISCORD_TOKEN must come from a secretKeyRef, not a literal value")
	default:
		ref := tok.ValueFrom.SecretKeyRef
		if sec, ok := secrets[ref.Name]; !ok {
			fail("DISCORD_TOKEN refers to secret %q, which no manifest or template defines", ref.Name)
		} else if _, ok := sec.StringData[ref.Key]; !ok {
			fail("DISCORD_TOKEN refers to key %q, which secret %s does not have", ref.Key, ref.Name)
		}
	}

	// The health port is the one the container exposes.
	port := -1
	if addr := env["HTTP_ADDR"].Value; addr == "" {
		fail("env HTTP_ADDR is empty, so /healthz is off and every probe fails")
	} else if _, p, err := net.SplitHostPort(addr); err != nil {
		fail("env HTTP_ADDR %q: %v", addr, err)
	} else {
		port, _ = strconv.Atoi(p)
	}
	if !hasPort(c, port) {
		fail("no containerPort %d for HTTP_ADDR", port)
	}
	for _, p := range []struct {
		name  string
		probe *corev1.Probe
	}{{"livenessProbe", c.LivenessProbe}, {"readinessProbe", c.ReadinessProbe}} {
		switch {
		case p.probe == nil || p.probe.HTTPGet == nil:
			fail("%s must be an httpGet on %s", p.name, healthPath)
		case p.probe.HTTPGet.Path != healthPath:
			fail("got %s path %q; want %q", p.name, p.probe.HTTPGet.Path, healthPath)
		case portNumber(c, p.probe.HTTPGet.Port) != port:
			fail("%s port %s is not the HTTP_ADDR port %d", p.name, p.probe.HTTPGet.Port.String(), port)
		}
	}

	// Resources and privileges.
	if c.Resources.Requests.Cpu().IsZero() || c.Resources.Requests.Memory().IsZero() {
		fail("container %s needs cpu and memory requests", c.Name)
	}
	if c.Resources.Limits.Memory().IsZero() {
		fail("container %s needs a memory limit", c.Name)
	}
	nonRoot := pod.SecurityContext != nil && pod.SecurityContext.RunAsNonRoot != nil && *pod.SecurityContext.RunAsNonRoot
	if c.SecurityContext != nil && c.SecurityContext.RunAsNonRoot != nil {
		nonRoot = *c.SecurityContext.RunAsNonRoot
	}
	if !nonRoot {
		fail("runAsNonRoot must be true")
	}
	if c.SecurityContext == nil || c.SecurityContext.ReadOnlyRootFilesystem == nil || !*c.SecurityContext.ReadOnlyRootFilesystem {
		fail("container %s must have readOnlyRootFilesystem: true", c.Name)
	}

	// The library: CONTENT_DIR is a mounted volume that all shards share.
	dir := env["CONTENT_DIR"].Value
	var mounted string
	for _, m := range c.VolumeMounts {
		if m.MountPath == dir {
			mounted = m.Name
		}
	}
	if mounted == "" {
		fail("CONTENT_DIR %q is not a volumeMount", dir)
	}
	for _, v := range pod.Volumes {
		if v.Name != mounted || v.PersistentVolumeClaim == nil {
			continue
		}
		claim, ok := pvcs[v.PersistentVolumeClaim.ClaimName]
		switch {
		case !ok:
			fail("volume %s claims %q, which no manifest defines", v.Name, v.PersistentVolumeClaim.ClaimName)
		case !hasAccessMode(claim, corev1.ReadWriteMany):
			fail("claim %s must be ReadWriteMany: every shard mounts the library", claim.Name)
		}
	}
	return errs
}

// selects reports whether a label selector is set and matches set.
func selects(sel *metav1.LabelSelector, set labels.Set) bool {
	if sel == nil {
		return false
	}
	s, err := metav1.LabelSelectorAsSelector(sel)
	return err == nil && !s.Empty() && s.Matches(set)
}

// portNumber resolves a probe's port, by number or by container port name;
// -1 when it names no port of the container.
func portNumber(c corev1.Container, p intstr.IntOrString) int {
	if p.Type == intstr.Int {
		return p.IntValue()
	}
	for _, cp := range c.Ports {
		if cp.Name == p.StrVal {
			return int(cp.ContainerPort)
		}
	}
	return -1
}

// hasPort reports whether the container declares port.
func hasPort(c corev1.Container, port int) bool {
	for _, cp := range c.Ports {
		if int(cp.ContainerPort) == port {
			return true
		}
	}
	return false
}

// hasAccessMode reports whether a claim asks for mode.
func hasAccessMode(c *corev1.PersistentVolumeClaim, mode corev1.PersistentVolumeAccessMode) bool {
	for _, m := range c.Spec.AccessModes {
		if m == mode {
			return true
		}
	}
	return false
}
