/* rename.c: the lens and question ids that changed, old to new.
 *
 * wafr 0.1 bundled its serverless and SaaS lenses under AWS's aliases for
 * AWS's own lenses ("serverless", "softwareasaservice") with question ids
 * that hold hyphens, which AWS custom lenses refuse. They have ids of their
 * own now; a workspace made with the old ones is renamed when it is opened
 * (ops_open), and "lens upgrade" can map old answers with the same table. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model/rename.h"
#include "base/util.h"

static const char *const serverless_questions[] = {
	"sls-ops-health", "sls_ops_health",
	"sls-ops-logging", "sls_ops_logging",
	"sls-ops-tracing", "sls_ops_tracing",
	"sls-ops-deploy", "sls_ops_deploy",
	"sls-ops-testing", "sls_ops_testing",
	"sls-ops-incidents", "sls_ops_incidents",
	"sls-sec-function-permissions", "sls_sec_function_permissions",
	"sls-sec-api-access", "sls_sec_api_access",
	"sls-sec-input", "sls_sec_input",
	"sls-sec-secrets", "sls_sec_secrets",
	"sls-sec-data-protection", "sls_sec_data_protection",
	"sls-sec-supply-chain", "sls_sec_supply_chain",
	"sls-sec-detection", "sls_sec_detection",
	"sls-rel-throttling", "sls_rel_throttling",
	"sls-rel-async-failures", "sls_rel_async_failures",
	"sls-rel-idempotency", "sls_rel_idempotency",
	"sls-rel-workflows", "sls_rel_workflows",
	"sls-rel-data-resilience", "sls_rel_data_resilience",
	"sls-rel-zone-region", "sls_rel_zone_region",
	"sls-perf-function-sizing", "sls_perf_function_sizing",
	"sls-perf-cold-starts", "sls_perf_cold_starts",
	"sls-perf-integration", "sls_perf_integration",
	"sls-perf-data-access", "sls_perf_data_access",
	"sls-perf-load-growth", "sls_perf_load_growth",
	"sls-cost-visibility", "sls_cost_visibility",
	"sls-cost-function-cost", "sls_cost_function_cost",
	"sls-cost-service-options", "sls_cost_service_options",
	"sls-cost-logs-data", "sls_cost_logs_data",
	"sls-cost-design-cost", "sls_cost_design_cost",
	"sls-sus-idle-work", "sls_sus_idle_work",
	"sls-sus-invocation-efficiency", "sls_sus_invocation_efficiency",
	"sls-sus-data-footprint", "sls_sus_data_footprint",
	"sls-sus-demand-shaping", "sls_sus_demand_shaping",
	"sls-sus-footprint", "sls_sus_footprint",
	NULL
};

static const char *const saas_questions[] = {
	"saas-ops-tenant-observability", "saas_ops_tenant_observability",
	"saas-ops-onboarding", "saas_ops_onboarding",
	"saas-ops-deployment", "saas_ops_deployment",
	"saas-ops-tenant-lifecycle", "saas_ops_tenant_lifecycle",
	"saas-ops-support", "saas_ops_support",
	"saas-sec-tenant-isolation", "saas_sec_tenant_isolation",
	"saas-sec-identity", "saas_sec_identity",
	"saas-sec-authorization", "saas_sec_authorization",
	"saas-sec-data-protection", "saas_sec_data_protection",
	"saas-sec-audit", "saas_sec_audit",
	"saas-sec-abuse", "saas_sec_abuse",
	"saas-rel-noisy-neighbor", "saas_rel_noisy_neighbor",
	"saas-rel-blast-radius", "saas_rel_blast_radius",
	"saas-rel-tier-commitments", "saas_rel_tier_commitments",
	"saas-rel-tenant-recovery", "saas_rel_tenant_recovery",
	"saas-rel-scale-growth", "saas_rel_scale_growth",
	"saas-perf-tiering", "saas_perf_tiering",
	"saas-perf-shared-scaling", "saas_perf_shared_scaling",
	"saas-perf-data-layout", "saas_perf_data_layout",
	"saas-perf-control-plane-performance", "saas_perf_control_plane_performance",
	"saas-perf-tenant-experience", "saas_perf_tenant_experience",
	"saas-cost-cost-per-tenant", "saas_cost_cost_per_tenant",
	"saas-cost-metering", "saas_cost_metering",
	"saas-cost-tier-economics", "saas_cost_tier_economics",
	"saas-cost-shared-efficiency", "saas_cost_shared_efficiency",
	"saas-cost-cost-anomalies", "saas_cost_cost_anomalies",
	"saas-sus-density", "saas_sus_density",
	"saas-sus-inactive-tenants", "saas_sus_inactive_tenants",
	"saas-sus-data-lifecycle", "saas_sus_data_lifecycle",
	"saas-sus-features", "saas_sus_features",
	"saas-sus-footprint", "saas_sus_footprint",
	NULL
};

const struct lens_rename lens_renames[] = {
	{ "serverless", "wafr-serverless", serverless_questions },
	{ "softwareasaservice", "wafr-saas", saas_questions },
	{ NULL, NULL, NULL }
};

const struct lens_rename *
lens_rename_of(const char *id)
{
	for (const struct lens_rename *r = lens_renames; r->old_id != NULL;
	    r++) {
		if (strcmp(r->old_id, id) == 0)
			return r;
	}
	return NULL;
}

const char *
lens_rename_question(const struct lens_rename *r, const char *id)
{
	for (size_t i = 0; r->questions[i] != NULL; i += 2) {
		if (strcmp(r->questions[i], id) == 0)
			return r->questions[i + 1];
	}
	return NULL;
}

/* Ours, not a lens of someone else's under the same id: every question
 * of it is in the table. */
bool
lens_rename_applies(const struct lens_rename *r, const struct lens *l)
{
	if (r == NULL || strcmp(l->id, r->old_id) != 0 || l->nquestions == 0)
		return false;
	for (size_t i = 0; i < l->npillars; i++) {
		for (size_t j = 0; j < l->pillars[i].nquestions; j++) {
			if (lens_rename_question(r,
			    l->pillars[i].questions[j].id) == NULL)
				return false;
		}
	}
	return true;
}

void
lens_rename_apply(const struct lens_rename *r, struct lens *l)
{
	free(l->id);
	l->id = xstrdup(r->new_id);
	for (size_t i = 0; i < l->npillars; i++) {
		for (size_t j = 0; j < l->pillars[i].nquestions; j++) {
			struct question	*q = &l->pillars[i].questions[j];
			const char	*to = lens_rename_question(r, q->id);

			if (to != NULL) {
				free(q->id);
				q->id = xstrdup(to);
			}
		}
	}
	lens_index(l);
}
