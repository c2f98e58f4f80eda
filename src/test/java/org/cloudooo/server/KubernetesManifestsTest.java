package org.cloudooo.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.cloudooo.config.CloudoooConfig;
import org.cloudooo.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * packaging/kubernetes/ agrees with cloudooo.conf and packaging/Dockerfile: the port, the
 * probes on /health, the grace periods around shutdown_grace_period, the resources per worker,
 * and the selectors that tie the Service and the PodDisruptionBudget to the pods. No cluster
 * here: the manifests are read as YAML.
 */
class KubernetesManifestsTest {

  private static final Path MANIFESTS = Path.of("packaging", "kubernetes");

  private final CloudoooConfig config = ConfigLoader.load(Optional.of(Path.of("cloudooo.conf")), Map.of());

  @Test
  void everyManifestIsOneKnownKindNamedCloudooo() throws Exception {
    List<Map<String, Object>> all = all();
    assertThat(all).extracting(d -> d.get("kind")).containsExactlyInAnyOrder("Deployment", "Service", "PodDisruptionBudget");
    for (Map<String, Object> manifest : all) {
      assertThat(map(manifest, "metadata").get("name")).isEqualTo("cloudooo");
    }
  }

  @Test
  void theContainerListensWhereTheImageAndTheConfigurationSay() throws Exception {
    Map<String, String> imageEnv = dockerfileEnv();
    String port = imageEnv.get("CLOUDOOO_PORT");
    assertThat(PackagingTest.instructions()).contains("EXPOSE " + port);
    assertThat(port).isEqualTo(String.valueOf(config.server().port()));

    Map<String, Object> container = container();
    assertThat(env(container)).containsEntry("CLOUDOOO_PORT", port).containsEntry("CLOUDOOO_HOST", imageEnv.get("CLOUDOOO_HOST"));
    assertThat(containerPort(container, "http")).isEqualTo(port);

    Map<String, Object> service = kind("Service");
    Map<String, Object> servicePort = map(list(map(service, "spec"), "ports").get(0));
    assertThat(servicePort.get("port")).isEqualTo(port);
    assertThat(containerPort(container, (String) servicePort.get("targetPort"))).isEqualTo(port);
  }

  @Test
  void everyProbeAsksHealthOnTheServersPort() throws Exception {
    Map<String, Object> container = container();
    String dockerHealthCheck = PackagingTest.instructions().stream().filter(i -> i.startsWith("HEALTHCHECK ")).findFirst().orElseThrow();
    assertThat(dockerHealthCheck).contains("/health");
    for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
      Map<String, Object> httpGet = map(map(container, probe), "httpGet");
      assertThat(httpGet.get("path")).as(probe).isEqualTo("/health");
      assertThat(containerPort(container, (String) httpGet.get("port"))).as(probe).isEqualTo(String.valueOf(config.server().port()));
    }
    // /health is 503 while a pool is saturated: liveness must give up later than readiness.
    assertThat(patience(map(container, "livenessProbe"))).isGreaterThan(patience(map(container, "readinessProbe")));
  }

  @Test
  void terminationWaitsForThePreStopPauseAndTheWholeDrain() throws Exception {
    Map<String, Object> pod = podSpec();
    Map<String, Object> container = container();
    List<Object> preStop = list(map(map(map(container, "lifecycle"), "preStop"), "exec"), "command");
    assertThat(preStop.get(0)).isEqualTo("sleep");
    long pause = Long.parseLong((String) preStop.get(1));
    long grace = Long.parseLong((String) pod.get("terminationGracePeriodSeconds"));
    assertThat(grace).as("terminationGracePeriodSeconds").isGreaterThan(pause + config.server().shutdownGrace().toSeconds());
    assertThat(PackagingTest.instructions()).contains("STOPSIGNAL SIGTERM");
  }

  @Test
  void resourcesGiveEachWorkerACpuAndAGibibyte() throws Exception {
    Map<String, Object> container = container();
    int workers = Integer.parseInt(env(container).get("CLOUDOOO_POOL_SIZE"));
    Map<String, Object> requests = map(map(container, "resources"), "requests");
    assertThat(Double.parseDouble((String) requests.get("cpu"))).isEqualTo(workers);
    assertThat(gibibytes((String) requests.get("memory"))).isGreaterThanOrEqualTo(workers);
    assertThat(gibibytes((String) map(map(container, "resources"), "limits").get("memory")))
        .isGreaterThan(gibibytes((String) requests.get("memory")));
  }

  @Test
  void theWorkingPathIsAVolumeWhereTheImagePutsIt() throws Exception {
    Map<String, Object> mount = map(list(container(), "volumeMounts").get(0));
    assertThat(mount.get("mountPath")).isEqualTo(dockerfileEnv().get("CLOUDOOO_WORKING_PATH"));
    assertThat(list(podSpec(), "volumes")).anyMatch(volume -> map(volume).get("name").equals(mount.get("name")));
  }

  @Test
  void theServiceAndTheBudgetSelectTheDeploymentsPods() throws Exception {
    Map<String, Object> deployment = kind("Deployment");
    Map<String, Object> podLabels = map(map(map(map(deployment, "spec"), "template"), "metadata"), "labels");
    Map<String, Object> deploymentSelector = map(map(map(deployment, "spec"), "selector"), "matchLabels");
    assertThat(podLabels).containsAllEntriesOf(deploymentSelector);
    assertThat(podLabels).containsAllEntriesOf(map(map(kind("Service"), "spec"), "selector"));
    assertThat(map(map(map(kind("PodDisruptionBudget"), "spec"), "selector"), "matchLabels")).isEqualTo(deploymentSelector);
    // A rolling update never takes a pod away before its successor is ready.
    assertThat(map(map(map(deployment, "spec"), "strategy"), "rollingUpdate")).containsEntry("maxUnavailable", "0");
  }

  @Test
  void simpleYamlReadsNestingListsAndScalars(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("a.yaml");
    Files.writeString(file, """
        # a comment
        a:
          b: "x # not a comment"
          c:
            - name: one
              value: '1'
            - two
          d: ["sleep", "5"]
        e:
        - f
        ---
        g: {}
        """);
    List<Map<String, Object>> documents = SimpleYaml.documents(file);
    assertThat(documents).hasSize(2);
    assertThat(documents.get(0)).isEqualTo(Map.of(
        "a", Map.of("b", "x # not a comment", "c", List.of(Map.of("name", "one", "value", "1"), "two"), "d", List.of("sleep", "5")),
        "e", List.of("f")));
    assertThat(documents.get(1)).isEqualTo(Map.of("g", Map.of()));
  }

  private static List<Map<String, Object>> all() throws Exception {
    try (Stream<Path> files = Files.list(MANIFESTS)) {
      List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
      assertThat(yaml).isNotEmpty();
      List<Map<String, Object>> documents = new java.util.ArrayList<>();
      for (Path file : yaml) {
        documents.addAll(SimpleYaml.documents(file));
      }
      return documents;
    }
  }

  private static Map<String, Object> kind(String kind) throws Exception {
    return all().stream().filter(d -> kind.equals(d.get("kind"))).findFirst().orElseThrow();
  }

  private static Map<String, Object> podSpec() throws Exception {
    return map(map(map(kind("Deployment"), "spec"), "template"), "spec");
  }

  private static Map<String, Object> container() throws Exception {
    List<Object> containers = list(podSpec(), "containers");
    assertThat(containers).hasSize(1);
    return map(containers.get(0));
  }

  private static Map<String, String> env(Map<String, Object> container) {
    Map<String, String> env = new HashMap<>();
    for (Object variable : list(container, "env")) {
      env.put((String) map(variable).get("name"), (String) map(variable).get("value"));
    }
    return env;
  }

  /** The containerPort a probe or the Service names (by name or number). */
  private static String containerPort(Map<String, Object> container, String nameOrNumber) {
    for (Object port : list(container, "ports")) {
      if (nameOrNumber.equals(map(port).get("name")) || nameOrNumber.equals(map(port).get("containerPort"))) {
        return (String) map(port).get("containerPort");
      }
    }
    throw new AssertionError("no container port " + nameOrNumber);
  }

  private static long patience(Map<String, Object> probe) {
    return Long.parseLong((String) probe.get("periodSeconds")) * Long.parseLong((String) probe.get("failureThreshold"));
  }

  private static double gibibytes(String quantity) {
    if (quantity.endsWith("Gi")) {
      return Double.parseDouble(quantity.substring(0, quantity.length() - 2));
    }
    if (quantity.endsWith("Mi")) {
      return Double.parseDouble(quantity.substring(0, quantity.length() - 2)) / 1024;
    }
    throw new AssertionError("memory not in Gi or Mi: " + quantity);
  }

  /** The variables of the Dockerfile's ENV instructions. */
  private static Map<String, String> dockerfileEnv() throws Exception {
    Map<String, String> env = new HashMap<>();
    for (String instruction : PackagingTest.instructions()) {
      if (instruction.startsWith("ENV ")) {
        for (String assignment : instruction.substring(4).split(" ")) {
          String[] pair = assignment.split("=", 2);
          env.put(pair[0], pair[1]);
        }
      }
    }
    return env;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  private static Map<String, Object> map(Map<String, Object> parent, String key) {
    assertThat(parent).containsKey(key);
    return map(parent.get(key));
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Map<String, Object> parent, String key) {
    assertThat(parent.get(key)).as(key).isInstanceOf(List.class);
    return (List<Object>) parent.get(key);
  }
}
