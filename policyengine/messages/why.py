"""`why` (`why.*`): asking for a finding, and each step of the chain behind it."""

MESSAGES = {
    # asking for a finding
    "no_code_on_subject": ("no {code} finding on '{subject}'; its findings: {codes}", "“{subject}”没有 {code} 诊断;它的诊断:{codes}"),
    "stopped": ("no {code} finding on '{subject}': structural errors ({codes}) stopped the semantic checks; fix them first",
                "“{subject}”没有 {code} 诊断:结构性错误({codes})使语义检查未能运行;请先修正"),
    "did_you_mean": ("no finding on '{subject}'; did you mean {close}?", "“{subject}”没有诊断;您是否指 {close}?"),
    "reported_on": ("no {code} finding on '{subject}'; {code} is reported on: {shown}",
                    "“{subject}”没有 {code} 诊断;{code} 报告于:{shown}"),
    "nothing": ("no finding on '{subject}', and no {code} finding in the policy", "“{subject}”没有诊断,策略中也没有 {code} 诊断"),
}
