// Validates every object of a rendered manifest (kubectl kustomize output) against the Kubernetes API's
// JSON schemas, offline: the schemas ship with the kubernetes-models package. Objects of other APIs (the
// operators' custom resources) have no schema here; they are listed as such, never passed silently.
// Usage: node validate-kubernetes.mjs <file.yaml>; prints one line per object, exits 1 on any error.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const file = process.argv[2];
let failed = false;
for (const document of parseAllDocuments(readFileSync(file, "utf8"))) {
  if (document.errors.length) {
    console.log(`ERROR yaml: ${document.errors.map((e) => e.message).join("; ")}`);
    failed = true;
    continue;
  }
  const object = document.toJS();
  if (!object) continue;
  const name = `${object.apiVersion} ${object.kind} ${object.metadata?.name}`;
  const [group, version] = object.apiVersion.includes("/") ? object.apiVersion.split("/") : [null, object.apiVersion];
  const isCore = group === null || !group.includes(".") || group.endsWith(".k8s.io");
  const path = `kubernetes-models/${group ? group + "/" : ""}${version}/${object.kind}`;
  let model;
  try {
    model = (await import(path))[object.kind];
  } catch {
    if (isCore) {
      console.log(`ERROR ${name}: no such kind in the Kubernetes API`);
      failed = true;
    } else {
      console.log(`CUSTOM ${name}: a custom resource, no schema here`);
    }
    continue;
  }
  try {
    new model(object).validate();
    console.log(`VALID ${name}`);
  } catch (error) {
    console.log(`ERROR ${name}: ${error.message}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
