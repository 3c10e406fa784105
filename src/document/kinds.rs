//! The kinds of reporting unit and the roles of a report's parts. Also read by
//! `build.rs` (the rule schema names them), so: serde only.

use serde::{Deserialize, Serialize};

/// Kinds of government (and departments) that publish reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    Province,
    City,
    District,
    County,
    Street,
    Town,
    Township,
    Department,
}

impl Level {
    pub const ALL: [Level; 8] = [
        Level::Province,
        Level::City,
        Level::District,
        Level::County,
        Level::Street,
        Level::Town,
        Level::Township,
        Level::Department,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Level::Province => "province",
            Level::City => "city",
            Level::District => "district",
            Level::County => "county",
            Level::Street => "street",
            Level::Town => "town",
            Level::Township => "township",
            Level::Department => "department",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Level::Province => "省级",
            Level::City => "市级",
            Level::District => "区级",
            Level::County => "县级",
            Level::Street => "街道",
            Level::Town => "镇",
            Level::Township => "乡",
            Level::Department => "部门",
        }
    }
}

/// What a stretch of the report is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Body text before the first heading (the opening summary).
    Preamble,
    /// The year's measures and results.
    Achievements,
    /// How the principal leaders performed their duty.
    FirstResponsible,
    /// Shortcomings (and their causes).
    Shortcomings,
    /// Plans for the following year.
    NextYear,
    /// 其他需要报告的情况.
    Other,
    /// Title, header metadata, signature: never evidence.
    #[serde(skip)]
    Front,
}

impl Role {
    pub const PARTS: [Role; 6] = [
        Role::Preamble,
        Role::Achievements,
        Role::FirstResponsible,
        Role::Shortcomings,
        Role::NextYear,
        Role::Other,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Role::Preamble => "preamble",
            Role::Achievements => "achievements",
            Role::FirstResponsible => "first-responsible",
            Role::Shortcomings => "shortcomings",
            Role::NextYear => "next-year",
            Role::Other => "other",
            Role::Front => "front",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Role::Preamble => "开篇综述",
            Role::Achievements => "主要举措和成效",
            Role::FirstResponsible => "第一责任人履职情况",
            Role::Shortcomings => "存在的不足和原因",
            Role::NextYear => "下一年度工作安排",
            Role::Other => "其他需要报告的情况",
            Role::Front => "标题、署名等",
        }
    }

    /// Roles that stay with their children: a plan's sub-heading is still a plan.
    pub(crate) fn is_sticky(self) -> bool {
        matches!(self, Role::Shortcomings | Role::NextYear | Role::Other)
    }
}
