#!/usr/bin/env bash
# The check step of action.yml, kept in a script so it can be run (and tested) outside Actions.
# It annotates the pull request, writes the job summary and, when asked, a SARIF file, then
# records the exit code as a step output; a later step fails the job with it, after SARIF upload.
set -uo pipefail

: "${STANDARDS_DIR:?STANDARDS_DIR must point at the trusted standards checkout}"
bin="$STANDARDS_DIR/bin/standards.js"
args=(check --repo . --standards "$STANDARDS_DIR")
if [ -n "${STANDARDS_REPO_NAME:-}" ]; then args+=(--repo-name "$STANDARDS_REPO_NAME"); fi
# The PR's title, description and base commit come from the event, when GitHub says the run is
# for a pull request: the event name is set by GitHub, while the event's text is partly the PR's own.
case "${GITHUB_EVENT_NAME:-}" in
  pull_request | pull_request_target)
    if [ -n "${GITHUB_EVENT_PATH:-}" ]; then args+=(--pr-event "$GITHUB_EVENT_PATH"); fi
    ;;
esac

node "$bin" "${args[@]}" --format github
code=$?

output="${GITHUB_OUTPUT:-/dev/null}"
if [ "${STANDARDS_SARIF:-false}" = "true" ] && [ "$code" -ne 2 ]; then
  sarif="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/standards.sarif"
  node "$bin" "${args[@]}" --format sarif > "$sarif"
  echo "sarif=$sarif" >> "$output"
fi

case "$code" in
  0) verdict=pass ;;
  1) verdict=fail ;;
  *) verdict=error ;;
esac
echo "verdict=$verdict" >> "$output"
echo "exit-code=$code" >> "$output"
exit 0
