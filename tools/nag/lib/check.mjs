// Runs the cdk-nag packs over synthesized CloudFormation templates.
//
// Each template is loaded with `cloudformation-include` (CfnInclude) into its
// own Stack of one shared App. The packs are then invoked through
// `NagPack.validateScope(stack)`, which is exactly what cdk-nag's
// IPolicyValidationPlugin.validate() does when CDK calls it during synth
// (`validate(ctx) => validateScope(ctx.appConstruct)`), minus the synth:
// nothing is written to disk, and neither the built-in "CloudFormation Validate"
// plugin nor CDK's report printing/throwing is involved.
//
// Suppressions: cdk-nag 3 ignores template `Metadata.cdk_nag`; it only honours
// `Validations.of(construct).acknowledge({id, reason})`. So each template is
// evaluated twice:
//   1. without acknowledgements -> every finding (and the finding ids needed
//      to expand regex applies_to items);
//   2. after acknowledging the metadata suppressions on the included resources
//      (or on the stack for template-level metadata) -> what is still open,
//      as decided by cdk-nag itself.
// Findings in (1) but not in (2) are suppressed; each is attributed to the
// suppression entry that produced its acknowledgement id. Entries that match no
// finding are stale.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCdk, UsageError } from './deps.mjs';
import { ruleCatalog, suggestRule } from './catalog.mjs';
import { expandSuppression, readSuppressions, splitRuleName } from './suppressions.mjs';

/** Creates a checker holding the loaded packs, the rule catalogue and one App. */
export function createChecker() {
  const cdk = loadCdk();
  const catalog = ruleCatalog(cdk.packs, cdk.NagMessageLevel);
  const suggest = (id) => suggestRule(id, catalog);
  // Never synthesized. builtinCloudFormationValidation:false is the App-level
  // switch for the built-in validate plugin (the other one is the environment
  // variable CDK_VALIDATION=false); it only runs during synth, so this is belt
  // and braces.
  const app = new cdk.App({ autoSynth: false, builtinCloudFormationValidation: false });
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'cdk-nag-gate-'));
  let stacks = 0;

  /** Runs every pack over `scope`; returns flat findings. */
  function evaluate(scope, logicalIdByPath) {
    const findings = [];
    for (const Pack of cdk.packs) {
      const report = new Pack(undefined, { verbose: true }).validateScope(scope);
      for (const v of report.violations) {
        const { ruleId, finding } = splitRuleName(v.ruleName);
        for (const r of v.violatingResources) {
          findings.push({
            ruleName: v.ruleName,
            ruleId,
            finding,
            level: v.severity === 'error' ? 'error' : 'warning',
            description: v.description,
            constructPath: r.constructPath,
            logicalId: logicalIdByPath.get(r.constructPath) ?? r.constructPath,
          });
        }
      }
    }
    return findings;
  }

  /**
   * Checks one template.
   * @param {string} file  path to a *.template.json
   * @param {string} stackName  display name
   */
  function check(file, stackName) {
    let template;
    try {
      template = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new UsageError(`cannot read template ${file}: ${e.message}`);
    }
    if (!template || typeof template !== 'object' || Array.isArray(template)) {
      throw new UsageError(`${file} is not a CloudFormation template (expected a JSON object)`);
    }
    const resources = template.Resources ?? {};
    const stack = new cdk.Stack(app, `Template${stacks++}`);
    const include = includeTemplate(cdk, stack, withoutBootstrapChecks(template), path.join(workDir, `${stacks}.json`), file);

    const constructs = new Map();
    const logicalIdByPath = new Map();
    for (const logicalId of Object.keys(resources)) {
      const construct = include.getResource(logicalId);
      constructs.set(logicalId, construct);
      logicalIdByPath.set(construct.node.path, logicalId);
    }

    // Pass 1: everything cdk-nag reports before any acknowledgement.
    const all = evaluate(stack, logicalIdByPath);

    // Read + validate suppressions, expand them to acknowledgement ids.
    const problems = [];
    const entries = [];
    const addSuppressions = (metadata, target) => {
      const read = readSuppressions(metadata, target, catalog, suggest);
      problems.push(...read.problems);
      for (const s of read.suppressions) {
        const visible = all.filter((f) => target === null || f.logicalId === target);
        entries.push(...expandSuppression(s, visible));
      }
    };
    addSuppressions(template.Metadata, null);
    for (const [logicalId, resource] of Object.entries(resources)) addSuppressions(resource?.Metadata, logicalId);

    for (const entry of entries) {
      const scope = entry.target === null ? stack : constructs.get(entry.target);
      for (const id of entry.ackIds) {
        try {
          cdk.Validations.of(scope).acknowledge({ id, reason: entry.suppression.reason });
        } catch (e) {
          problems.push({ kind: 'invalid', target: entry.target, id, message: `cdk rejected the acknowledgement id: ${e.message}` });
        }
      }
    }

    // Pass 2: what cdk-nag still reports once the acknowledgements are in place.
    const open = new Set(evaluate(stack, logicalIdByPath).map(key));

    const findings = all.map((f) => {
      const entry = findEntry(entries, f);
      const isOpen = open.has(key(f));
      if (!isOpen && entry) entry.matched++;
      if (isOpen && entry) {
        problems.push({
          kind: 'invalid',
          target: entry.target,
          id: f.ruleName,
          message: `cdk-nag did not honour the acknowledgement '${f.ruleName}' (ids containing spaces are rewritten by Validations.acknowledge)`,
        });
      }
      return {
        stack: stackName,
        logicalId: f.logicalId,
        path: resources[f.logicalId]?.Metadata?.['aws:cdk:path'] ?? null,
        type: resources[f.logicalId]?.Type ?? null,
        rule: f.ruleName,
        ruleId: f.ruleId,
        finding: f.finding,
        level: f.level,
        status: isOpen ? 'open' : 'suppressed',
        reason: isOpen ? null : entry?.suppression.reason ?? '(acknowledged outside cdk_nag metadata)',
        suppressedAt: isOpen || !entry ? null : entry.target === null ? 'stack' : 'resource',
        info: catalog.get(f.ruleId)?.info ?? f.description,
        description: f.description,
      };
    });

    findings.sort((a, b) => a.logicalId.localeCompare(b.logicalId) || a.rule.localeCompare(b.rule));
    for (const entry of entries.filter((e) => e.matched === 0)) {
      problems.push({ kind: 'stale', target: entry.target, id: entry.label, message: staleMessage(entry, all) });
    }

    return { file, stack: stackName, resources: Object.keys(resources).length, findings, problems };
  }

  return { check, catalog, dispose: () => rmSync(workDir, { recursive: true, force: true }) };
}

const key = (f) => `${f.logicalId}\u0000${f.ruleName}`;

/** The suppression entry whose acknowledgement id covers finding f (resource level first). */
function findEntry(entries, f) {
  const covers = (e) => e.ackIds.includes(f.ruleName);
  return entries.find((e) => e.target === f.logicalId && covers(e)) ?? entries.find((e) => e.target === null && covers(e));
}

function staleMessage(entry, all) {
  const where = entry.target === null ? 'in this template' : 'on this resource';
  const granular = all
    .filter((f) => (entry.target === null || f.logicalId === entry.target) && f.ruleId === entry.suppression.id && f.finding !== null)
    .map((f) => `"${f.finding}"`);
  if (entry.suppression.appliesTo.length === 0 && granular.length > 0) {
    return `matched no finding: ${entry.suppression.id} reports individual findings and cdk-nag 3 needs each one listed in applies_to; current findings ${where}: ${[...new Set(granular)].join(', ')}`;
  }
  return `matched no finding ${where} (stale suppression)`;
}

/**
 * Drops the bootstrap-version check the CDK synthesizer adds to every template
 * (`Parameters.BootstrapVersion`, `Rules.CheckBootstrapVersion`). The including
 * Stack's synthesizer adds its own, so synthesizing the tree would fail with
 * "section 'Parameters' already contains 'BootstrapVersion'". The gate does not
 * synthesize, but keeps the tree synthesizable; the check has no nag rules.
 */
export function withoutBootstrapChecks(template) {
  const copy = { ...template };
  for (const [section, id] of [['Parameters', 'BootstrapVersion'], ['Rules', 'CheckBootstrapVersion']]) {
    if (copy[section] && id in copy[section]) {
      const { [id]: _dropped, ...rest } = copy[section];
      if (Object.keys(rest).length) copy[section] = rest;
      else delete copy[section];
    }
  }
  return copy;
}

/** CfnInclude only reads files, so write the cleaned template to a scratch file. */
function includeTemplate(cdk, stack, template, scratchFile, originalFile) {
  writeFileSync(scratchFile, JSON.stringify(template));
  try {
    return new cdk.CfnInclude(stack, 'Template', { templateFile: scratchFile });
  } catch (e) {
    throw new UsageError(`cannot load template ${originalFile}: ${e.message.split('\n')[0]}`);
  } finally {
    rmSync(scratchFile, { force: true });
  }
}
