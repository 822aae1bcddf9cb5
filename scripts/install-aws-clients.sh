#!/usr/bin/env bash
# Source this (or run it): makes sure the real AWS clients the endpoint tests drive are installed
# from Debian, the way find-chromium.sh does for Chromium:
#   awscli                               the AWS CLI v2 at /usr/bin/aws
#   python3-boto3                        boto3 for /usr/bin/python3
#   golang-go                            Go, for a GOPATH-mode build against /usr/share/gocode
#   golang-github-aws-aws-sdk-go-v2-dev  the Go SDK v2 with its KMS client, under /usr/share/gocode
#   jq                                   reads the mock's world in the guide's fix-user-locked-out.sh
# Missing packages are installed as root with apt-get (one `apt-get update`, one install). When
# everything is present it only checks, in well under a second. It never fails the caller: the
# tests themselves say what is missing (the Go test skips with the reason; the CLI and boto3 tests fail).
aws_client_packages=(awscli python3-boto3 golang-go golang-github-aws-aws-sdk-go-v2-dev jq)

aws_clients_missing() {
  local package
  for package in "${aws_client_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q '^install ok installed$' || printf '%s ' "$package"
  done
}

install_aws_clients() {
  local missing log=/tmp/kms-errors-apt-aws-clients.log
  if ! command -v dpkg-query >/dev/null; then
    [ -x /usr/bin/aws ] && [ -x /usr/bin/python3 ] && return 0
    echo "✗ Not a Debian-like system (no dpkg-query): install the AWS CLI at /usr/bin/aws and boto3 for /usr/bin/python3 yourself." >&2
    return 0
  fi
  missing="$(aws_clients_missing)"
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null; then
    echo "✗ Missing Debian packages for the endpoint tests: ${missing}(not root, so they cannot be installed here: sudo apt-get install -y ${missing% })." >&2
    return 0
  fi
  echo "› installing Debian's ${missing}for the endpoint tests" >&2
  # shellcheck disable=SC2086 # one word per package
  if (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing) >"$log" 2>&1; then
    return 0
  fi
  echo "✗ apt-get install ${missing}failed (log: $log); is a Debian mirror reachable?" >&2
}

install_aws_clients
unset -f install_aws_clients aws_clients_missing
unset aws_client_packages
