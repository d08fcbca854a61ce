#!/usr/bin/env bash
# Installs the API and the ETL as services on a Debian server, run as root from the repository root:
#   deploy/install.sh
# Creates the unprivileged user `analytics`, publishes both programs to /opt/analytics, puts the configuration in
# /etc/analytics/analytics.env (kept if present: edit it, then systemctl restart analytics-api), and enables the API,
# the scheduled load (every 15 minutes) and the nightly backup. Safe to run again to upgrade.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-debian.sh --serve
id analytics >/dev/null 2>&1 || useradd --system --home-dir /var/lib/analytics --shell /usr/sbin/nologin analytics
install -d -o analytics -g analytics -m 0750 /var/lib/analytics /var/lib/analytics/data /var/lib/analytics/inbox \
  /var/lib/analytics/audit /var/lib/analytics/reports /var/backups/analytics
install -d -m 0755 /opt/analytics /etc/analytics

# ReadyToRun: compiled for this platform at publish, not at every start (the scheduled load is a short process).
dotnet publish api -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o /opt/analytics/api --nologo -v quiet
dotnet publish etl -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o /opt/analytics/etl --nologo -v quiet
install -m 0644 README.md /opt/analytics/README.md

if [ ! -f /etc/analytics/analytics.env ]; then
  install -m 0640 -g analytics deploy/analytics.env /etc/analytics/analytics.env
  sed -i "s/^ANALYTICS_ADMIN_KEY=$/ANALYTICS_ADMIN_KEY=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')/" /etc/analytics/analytics.env
  echo "install: wrote /etc/analytics/analytics.env with a new admin key; set Network__PublicUrl there"
fi

install -m 0644 deploy/*.service deploy/*.timer /etc/systemd/system/
systemd-analyze verify /etc/systemd/system/analytics-*.service /etc/systemd/system/analytics-*.timer
systemctl daemon-reload
systemctl enable --now analytics-api.service analytics-load.timer analytics-backup.timer
echo "install: done. Health: curl http://127.0.0.1:5080/readyz   Logs: journalctl -u analytics-api -o cat"
