//! The terminal's answer to "may this stored client secret go there?": asked on standard error
//! when a person is at the terminal; a script (no terminal) is refused and told how to allow.

use winroll_app::{AllowAnswer, AllowPrompt, AllowQuestion};

#[derive(Debug, Clone, Copy, Default)]
pub struct TerminalPrompt;

impl AllowPrompt for TerminalPrompt {
    fn ask(&self, question: &AllowQuestion) -> AllowAnswer {
        let asked = format!(
            "{}\n[o]nce, [a]lways for this organization, or [N]o: ",
            crate::terminal::safe(&question.text())
        );
        match crate::input::ask(&asked) {
            Ok(Some(answer)) => match answer.as_str() {
                "o" | "once" => AllowAnswer::Once,
                "a" | "always" => AllowAnswer::Always,
                _ => AllowAnswer::Refuse,
            },
            Ok(None) | Err(_) => AllowAnswer::Refuse,
        }
    }
}
