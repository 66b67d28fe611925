#!/bin/sh
# bench/scans.sh [WAFR [DATADIR] [ROWS]]: the import of a generated Prowler
# compliance CSV of ROWS rows (default 100,000; about one in five FAIL):
# wall time and maximum resident memory (GNU time), then the same for the
# listing and the report that read the results back.
set -eu
WAFR=${1:-$(cd "$(dirname "$0")/.." && pwd)/src/wafr}
WAFR_DATADIR=${2:-$(cd "$(dirname "$0")/.." && pwd)/data}
ROWS=${3:-100000}
export WAFR_DATADIR TZ=UTC LC_ALL=C.UTF-8
TMP=$(mktemp -d "${TMPDIR:-/tmp}/wafr-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
HOME=$TMP
export HOME GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.org \
    GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.org

python3 - "$TMP/prowler.csv" "$ROWS" <<'PY'
import sys
path, rows = sys.argv[1], int(sys.argv[2])
reqs = [("SEC01-BP01", "securely-operate", "sec_securely_operate_multi_accounts"),
        ("SEC02-BP02", "identities", "sec_identities_unique"),
        ("SEC03-BP07", "permissions", "sec_permissions_analyze_cross_account"),
        ("SEC05-BP03", "network-protection", "sec_network_protection_auto_protect"),
        ("SEC08-BP02", "protect-data-rest", "sec_protect_data_rest_encrypt"),
        ("SEC08-BP05", "protect-data-rest", "sec_protect_data_rest_use_people_away")]
checks = ["s3_bucket_default_encryption", "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22",
          "iam_rotate_access_key_90_days", "kms_cmk_rotation_enabled", "rds_instance_storage_encrypted"]
regions = ["eu-west-1", "eu-central-1", "us-east-1", "us-west-2"]
with open(path, "w") as f:
    f.write("PROVIDER;DESCRIPTION;ACCOUNTID;REGION;ASSESSMENTDATE;REQUIREMENTS_ID;"
            "REQUIREMENTS_DESCRIPTION;REQUIREMENTS_ATTRIBUTES_NAME;"
            "REQUIREMENTS_ATTRIBUTES_WELLARCHITECTEDQUESTIONID;"
            "REQUIREMENTS_ATTRIBUTES_WELLARCHITECTEDPRACTICEID;REQUIREMENTS_ATTRIBUTES_SECTION;"
            "REQUIREMENTS_ATTRIBUTES_SUBSECTION;REQUIREMENTS_ATTRIBUTES_LEVELOFRISK;"
            "REQUIREMENTS_ATTRIBUTES_ASSESSMENTMETHOD;REQUIREMENTS_ATTRIBUTES_DESCRIPTION;"
            "REQUIREMENTS_ATTRIBUTES_IMPLEMENTATIONGUIDANCEURL;STATUS;STATUSEXTENDED;"
            "RESOURCEID;CHECKID;MUTED;RESOURCENAME;FRAMEWORK;NAME\n")
    for i in range(rows):
        code, q, prac = reqs[i % len(reqs)]
        check = checks[i % len(checks)]
        region = regions[(i // 7) % len(regions)]
        status = "FAIL" if i % 5 == 0 else "PASS"
        res = "arn:aws:ec2:%s:123456789012:instance/i-%08x" % (region, i)
        f.write("aws;Bench;123456789012;%s;2026-11-30 09:12:44;%s;Practice %s;%s;%s;%s;"
                "Section;;High;Automated;A practice;https://docs.aws.amazon.com/;%s;"
                "Resource %s is %s for %s.;%s;%s;False;i-%08x;"
                "AWS-Well-Architected-Framework-Security-Pillar;AWS WAF Security\n"
                % (region, code, code, code, q, prac, status, res,
                   status.lower(), check, res, check, i))
PY
"$WAFR" init "$TMP/w" >/dev/null
size=$(wc -c <"$TMP/prowler.csv")
echo "file: $ROWS rows, $size bytes"
measure() {
	label=$1; shift
	/usr/bin/time -f "%e %U %S %M" -o "$TMP/time" "$@" >/dev/null \
	    2>"$TMP/err" || { cat "$TMP/err" >&2; exit 1; }
	read -r secs user sys kb <"$TMP/time"
	printf '%-34s %6.2f s (CPU %5.2f user %5.2f sys) %8d KB max RSS\n' \
	    "$label" "$secs" "$user" "$sys" "$kb"
}
measure "evidence import (first)" "$WAFR" evidence import "$TMP/w" "$TMP/prowler.csv"
measure "evidence import (the same again)" "$WAFR" evidence import "$TMP/w" "$TMP/prowler.csv"
measure "evidence DIR (list)" "$WAFR" evidence "$TMP/w"
measure "status" "$WAFR" status "$TMP/w"
measure "report --format json" "$WAFR" report "$TMP/w" --format json
echo "kept: $(grep -vc '^#\|^scan' "$TMP/w/scans/prowler.tsv") result lines in scans/prowler.tsv ($(wc -c <"$TMP/w/scans/prowler.tsv") bytes)"
