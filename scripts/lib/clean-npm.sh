#!/usr/bin/env bash
# Source this: defines clean_npm, which runs npm without the configuration an outer `npm run`
# exports to its children. Under `npm start` / `npm test`, npm hands its settings (this
# project's .npmrc: strict-allow-scripts, engine-strict; its local prefix) to child processes as
# npm_config_* variables; a nested install into another folder must not inherit them.
clean_npm() {
  local unset_args=() name
  for name in $(compgen -e); do
    case "$name" in
      npm_config_* | NPM_CONFIG_* | npm_package_* | npm_lifecycle_* | npm_command | npm_execpath | npm_node_execpath | INIT_CWD)
        unset_args+=(-u "$name") ;;
    esac
  done
  env "${unset_args[@]}" npm "$@"
}
