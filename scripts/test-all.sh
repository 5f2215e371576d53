#!/usr/bin/env bash
# The whole test suite, as CI runs it: system packages, lint + typecheck, unit and contract tests,
# a production build, then the browser tests, the fault soak and the fuzzer against that build.
set -euo pipefail
cd "$(dirname "$0")/.."
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
export NEXT_TELEMETRY_DISABLED=1

bash scripts/ensure-system-packages.sh
npm run check
npm run test:unit
# Built with canary secrets: e2e/security/canary.spec.ts proves none reaches the browser.
eval "$(node -e 'for (const [k, v] of Object.entries(require("./e2e/canaries.json"))) console.log(`export ${k}=${JSON.stringify(v)}`)')"
npm run build
npm run test:e2e
# The proofs, against the same build: a fault soak (tasks submitted while the local Connect
# endpoint injects faults; Connect and the audit trail must agree), a bulk job across a crash, a
# held task released in real time with a 1-day horizon, and the seeded fuzzer. All
# run, so one failing still shows the others' findings.
proofs_failed=0
npm run test:soak || proofs_failed=1
npm run test:bulk-crash || proofs_failed=1
npm run test:bulk-shared || proofs_failed=1
npm run test:held-release || proofs_failed=1
npm run test:fuzz || proofs_failed=1
exit "$proofs_failed"
