#!/usr/bin/env bash
# A private nginx serving a static simple repository (make_index.py's DOCROOT) on loopback:
# PEP 691 JSON or PEP 503 HTML by the Accept header, range requests, ETags, gzip for pages.
# Installs Debian's nginx when it is missing. Runs as a foreground process of its own (no
# daemon, no system config), everything under RUN_DIR.
#
#   scripts/fetch/nginx.sh start DOCROOT RUN_DIR     prints the port it listens on
#   scripts/fetch/nginx.sh stop RUN_DIR
#
# /simple/ negotiates JSON or HTML; /simple-html/ serves only HTML (a PEP 503 index).
set -euo pipefail
cmd="${1:-}"

find_nginx() {
  command -v nginx 2>/dev/null || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; } || true
}

case "$cmd" in
start)
  docroot="$(cd "$2" && pwd)"
  run="$3"
  mkdir -p "$run/logs" "$run/tmp"
  run="$(cd "$run" && pwd)"
  nginx="$(find_nginx)"
  if [ -z "$nginx" ]; then
    echo "nginx.sh: installing Debian's nginx-light" >&2
    (apt-get install -y -q nginx-light >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q nginx-light >/dev/null 2>&1; }) \
      || { echo "nginx.sh: cannot install nginx" >&2; exit 1; }
    nginx="$(find_nginx)"
  fi
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  cat >"$run/nginx.conf" <<CONF
worker_processes 2;
pid $run/nginx.pid;
error_log $run/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $run/tmp/body;
  proxy_temp_path $run/tmp/proxy;
  fastcgi_temp_path $run/tmp/fastcgi;
  uwsgi_temp_path $run/tmp/uwsgi;
  scgi_temp_path $run/tmp/scgi;
  sendfile on;
  keepalive_requests 100000;
  types {
    application/vnd.pypi.simple.v1+json json;
    text/html html;
  }
  default_type application/octet-stream;
  gzip on;
  gzip_types application/vnd.pypi.simple.v1+json;
  gzip_min_length 512;
  map \$http_accept \$simple_ext {
    default html;
    "~application/vnd\\.pypi\\.simple\\.v1\\+json" json;
  }
  server {
    listen 127.0.0.1:$port;
    root $docroot;
    location /simple/ {
      try_files \$uri \${uri}index.\$simple_ext =404;
    }
    location /simple-html/ {
      alias $docroot/simple/;
      try_files \$uri \${uri}index.html =404;
    }
  }
}
CONF
  "$nginx" -p "$run" -c "$run/nginx.conf" -g 'daemon off;' >"$run/logs/stdout.log" 2>&1 &
  echo $! >"$run/pid"
  for _ in $(seq 1 100); do
    if python3 -c "import socket,sys; socket.create_connection(('127.0.0.1',$port),0.2)" 2>/dev/null; then
      echo "$port" >"$run/port"
      echo "$port"
      exit 0
    fi
    sleep 0.1
  done
  echo "nginx.sh: nginx did not start; $run/logs:" >&2
  cat "$run/logs/"* >&2
  exit 1
  ;;
stop)
  run="$2"
  if [ -f "$run/pid" ]; then
    pid="$(cat "$run/pid")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$run/pid"
  fi
  ;;
*)
  echo "usage: nginx.sh start DOCROOT RUN_DIR | stop RUN_DIR" >&2
  exit 2
  ;;
esac
