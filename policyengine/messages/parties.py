"""Text of parties (who applies, reviews, approves): how a message names one, and the approval
records `admit` cites."""

MESSAGES = {
    "tier": ("the bodies of tier '{tier}'", "{tier}层级的机构"),
    "relation.item_owner": ("the item's owner department", "事项主管部门"),
    "relation.line_department": ("a line department", "条线职能部门"),
    "relation.grid_body": ("the grid-management body at the applicant's tier", "申请方同级网格化服务管理机构"),
    "relation.applicant_tier_government": ("the government at the applicant's tier", "申请方同级政府"),
    "at.item_owner": ("the item's owner department at tier '{tier}'", "{tier}层级的事项主管部门"),
    "at.line_department": ("a line department at tier '{tier}'", "{tier}层级的条线职能部门"),
    "at.grid_body": ("the grid-management body at tier '{tier}'", "{tier}层级的网格化服务管理机构"),
    "at.applicant_tier_government": ("the government at tier '{tier}'", "{tier}层级政府"),
    "all_of": ("all of {parties}", "{parties}共同"),
    "any_of": ("any of {parties}", "{parties}之一"),
}
