//! Enums stored as text (in the database, forms, URLs and CSV files) through
//! one mechanism: each variant declares its stable code, and, where the
//! variant has a name to show, its message id. [`coded!`] writes the enum and
//! `ALL`, `code()`, `parse()` (exact codes only), `FromStr` and, with message
//! ids, `message_id()`; nothing else turns codes into variants.

/// Declares an enum whose variants are stored as codes:
///
/// ```ignore
/// coded! {
///     #[derive(Debug, Clone, Copy, PartialEq, Eq)]
///     pub enum Stage {
///         Draft = "draft" => "stage-draft",
///         Submitted = "submitted" => "stage-submitted",
///     }
/// }
/// ```
///
/// (`=> "message-id"` on every variant, or on none.)
macro_rules! coded {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal => $msg:literal ),+ $(,)?
        }
    ) => {
        $crate::domain::coded::coded! {
            $(#[$meta])*
            $vis enum $name { $( $(#[$vmeta])* $variant = $code ),+ }
        }
        impl $name {
            /// The message id of the variant's name.
            pub fn message_id(self) -> &'static str {
                match self { $( $name::$variant => $msg ),+ }
            }
        }
    };
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis enum $name { $( $(#[$vmeta])* $variant ),+ }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: [$name; [$( $crate::domain::coded::coded!(@unit $variant) ),+].len()] =
                [$( $name::$variant ),+];

            /// The stable code stored and sent for the variant.
            pub fn code(self) -> &'static str {
                match self { $( $name::$variant => $code ),+ }
            }

            /// The variant with exactly this code.
            pub fn parse(code: &str) -> Option<Self> {
                match code { $( $code => Some($name::$variant), )+ _ => None }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ();
            fn from_str(code: &str) -> Result<Self, ()> {
                $name::parse(code).ok_or(())
            }
        }
    };
    (@unit $variant:ident) => { () };
}

pub(crate) use coded;

#[cfg(test)]
mod tests {
    coded! {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        enum Colour {
            /// Documented variants keep their docs.
            Red = "red" => "colour-red",
            Blue = "blue" => "colour-blue",
        }
    }

    coded! {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
        enum Size {
            #[default]
            Small = "s",
            Large = "l",
        }
    }

    #[test]
    fn codes_round_trip_and_nothing_else_parses() {
        assert_eq!(Colour::ALL, [Colour::Red, Colour::Blue]);
        for c in Colour::ALL {
            assert_eq!(Colour::parse(c.code()), Some(c));
            assert_eq!(c.code().parse::<Colour>(), Ok(c));
        }
        assert_eq!(Colour::Blue.message_id(), "colour-blue");
        assert_eq!(Colour::parse("Red"), None);
        assert_eq!(Colour::parse(" red"), None);
        assert_eq!("".parse::<Colour>(), Err(()));
        assert_eq!(Size::default(), Size::Small);
        assert_eq!(Size::ALL.len(), 2);
        assert_eq!(Size::parse("l"), Some(Size::Large));
        assert_eq!(Size::Large.code(), "l");
    }
}
