#!/bin/sh
# Make a demo workspace with a few answers given, so HRIs and MRIs show at once.
# usage: tests/demo.sh WAFR DIR
set -e
wafr=$1 dir=$2
"$wafr" init "$dir" --name "Demo web shop" >/dev/null
a() { "$wafr" answer "$dir" "$@" >/dev/null; }
a priorities --select ops_priorities_ext_cust_needs \
    --select ops_priorities_int_cust_needs \
    --select ops_priorities_governance_reqs \
    --select ops_priorities_compliance_reqs \
    --note "Priorities reviewed each quarter with product and support."
a ops-model --none --note "Nobody owns the batch jobs since the reorg."
a observability --select ops_observability_identify_kpis \
    --select ops_observability_application_telemetry
a identities --select sec_identities_enforce_mechanisms \
    --select sec_identities_unique --select sec_identities_secrets \
    --select sec_identities_identity_provider \
    --select sec_identities_audit
a backing-up-data --select rel_backing_up_data_identified_backups_data \
    --select rel_backing_up_data_secured_backups_data \
    --evidence "Restore test report, March" --verified
a sus_region --na BUSINESS_PRIORITIES --note "Region fixed by data residency."
echo "$dir"
