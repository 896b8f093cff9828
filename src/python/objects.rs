//! Converts results into Python objects: structs into the dataclasses of
//! `cerapi.models` that share their name, maps into dicts, sequences into lists.
//!
//! Instances are made with `object.__new__` and their fields set one by one, which
//! skips the generated `__init__`; every field of the Rust struct must therefore
//! exist in the dataclass, and the dataclass must have no field the struct lacks.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use pyo3::BoundObject;
use serde::de;
use serde::ser::{self, Serialize};

/// Hashes a `&'static str` key by its address: struct and field names are
/// compile-time constants, so equal names share an address within this library.
#[derive(Default)]
struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*byte);
        }
    }

    fn write_usize(&mut self, value: usize) {
        self.0 = (value as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type ByAddress<V> = HashMap<usize, V, BuildHasherDefault<AddressHasher>>;

fn address(key: &'static str) -> usize {
    key.as_ptr() as usize ^ (key.len() << 48)
}

static NEW_INSTANCE: pyo3::sync::PyOnceLock<Py<PyAny>> = pyo3::sync::PyOnceLock::new();
static MODELS: pyo3::sync::PyOnceLock<Py<PyAny>> = pyo3::sync::PyOnceLock::new();

/// Classes and field names looked up during one conversion.
pub struct Cache<'py> {
    py: Python<'py>,
    new_instance: Bound<'py, PyAny>,
    models: Bound<'py, PyAny>,
    classes: RefCell<ByAddress<Bound<'py, PyAny>>>,
    names: RefCell<ByAddress<Bound<'py, PyString>>>,
}

impl<'py> Cache<'py> {
    pub fn new(py: Python<'py>) -> PyResult<Self> {
        let new_instance = NEW_INSTANCE.get_or_try_init(py, || {
            py.import("builtins")?
                .getattr("object")?
                .getattr("__new__")
                .map(Bound::unbind)
        })?;
        let models = MODELS.get_or_try_init(py, || {
            py.import("cerapi.models").map(|m| m.into_any().unbind())
        })?;
        Ok(Cache {
            py,
            new_instance: new_instance.bind(py).clone(),
            models: models.bind(py).clone(),
            classes: RefCell::new(ByAddress::default()),
            names: RefCell::new(ByAddress::default()),
        })
    }

    fn class(&self, name: &'static str) -> PyResult<Bound<'py, PyAny>> {
        if let Some(class) = self.classes.borrow().get(&address(name)) {
            return Ok(class.clone());
        }
        let class = self.models.getattr(name)?;
        self.classes
            .borrow_mut()
            .insert(address(name), class.clone());
        Ok(class)
    }

    fn name(&self, key: &'static str) -> Bound<'py, PyString> {
        if let Some(name) = self.names.borrow().get(&address(key)) {
            return name.clone();
        }
        let name = PyString::intern(self.py, key);
        self.names.borrow_mut().insert(address(key), name.clone());
        name
    }

    /// Converts one value.
    pub fn convert<T: Serialize + ?Sized>(&self, value: &T) -> PyResult<Bound<'py, PyAny>> {
        value.serialize(Converter { cache: self }).map_err(|e| e.0)
    }
}

/// A conversion failure, carrying the Python exception.
#[derive(Debug)]
pub struct ConvertError(PyErr);

impl std::fmt::Display for ConvertError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for ConvertError {}

impl ser::Error for ConvertError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        ConvertError(PyRuntimeError::new_err(msg.to_string()))
    }
}

impl From<PyErr> for ConvertError {
    fn from(e: PyErr) -> Self {
        ConvertError(e)
    }
}

type Out<'py> = Result<Bound<'py, PyAny>, ConvertError>;

#[derive(Clone, Copy)]
struct Converter<'a, 'py> {
    cache: &'a Cache<'py>,
}

impl<'a, 'py> Converter<'a, 'py> {
    fn py(&self) -> Python<'py> {
        self.cache.py
    }

    fn object<T: IntoPyObject<'py>>(&self, value: T) -> Out<'py> {
        Ok(value
            .into_pyobject(self.py())
            .map_err(Into::into)?
            .into_any()
            .into_bound())
    }
}

struct Sequence<'a, 'py> {
    converter: Converter<'a, 'py>,
    items: Vec<Bound<'py, PyAny>>,
}

struct Mapping<'a, 'py> {
    converter: Converter<'a, 'py>,
    dict: Bound<'py, PyDict>,
    key: Option<Bound<'py, PyAny>>,
}

struct Instance<'a, 'py> {
    converter: Converter<'a, 'py>,
    instance: Bound<'py, PyAny>,
}

impl<'a, 'py> ser::Serializer for Converter<'a, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = ConvertError;
    type SerializeSeq = Sequence<'a, 'py>;
    type SerializeTuple = Sequence<'a, 'py>;
    type SerializeTupleStruct = Sequence<'a, 'py>;
    type SerializeTupleVariant = ser::Impossible<Bound<'py, PyAny>, ConvertError>;
    type SerializeMap = Mapping<'a, 'py>;
    type SerializeStruct = Instance<'a, 'py>;
    type SerializeStructVariant = ser::Impossible<Bound<'py, PyAny>, ConvertError>;

    fn serialize_bool(self, v: bool) -> Out<'py> {
        self.object(v)
    }
    fn serialize_i8(self, v: i8) -> Out<'py> {
        self.object(v)
    }
    fn serialize_i16(self, v: i16) -> Out<'py> {
        self.object(v)
    }
    fn serialize_i32(self, v: i32) -> Out<'py> {
        self.object(v)
    }
    fn serialize_i64(self, v: i64) -> Out<'py> {
        self.object(v)
    }
    fn serialize_u8(self, v: u8) -> Out<'py> {
        self.object(v)
    }
    fn serialize_u16(self, v: u16) -> Out<'py> {
        self.object(v)
    }
    fn serialize_u32(self, v: u32) -> Out<'py> {
        self.object(v)
    }
    fn serialize_u64(self, v: u64) -> Out<'py> {
        self.object(v)
    }
    fn serialize_f32(self, v: f32) -> Out<'py> {
        self.object(v)
    }
    fn serialize_f64(self, v: f64) -> Out<'py> {
        self.object(v)
    }
    fn serialize_char(self, v: char) -> Out<'py> {
        self.object(v)
    }
    fn serialize_str(self, v: &str) -> Out<'py> {
        Ok(PyString::new(self.py(), v).into_any())
    }
    fn serialize_bytes(self, v: &[u8]) -> Out<'py> {
        self.object(v)
    }
    fn serialize_none(self) -> Out<'py> {
        Ok(self.py().None().into_bound(self.py()))
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Out<'py> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Out<'py> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Out<'py> {
        self.serialize_none()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Out<'py> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Out<'py> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        value: &T,
    ) -> Out<'py> {
        value.serialize(self)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Sequence<'a, 'py>, ConvertError> {
        Ok(Sequence {
            converter: self,
            items: Vec::with_capacity(len.unwrap_or(0)),
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Sequence<'a, 'py>, ConvertError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Sequence<'a, 'py>, ConvertError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, ConvertError> {
        Err(ser::Error::custom(format!(
            "{name}: enum variants with fields are not converted"
        )))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Mapping<'a, 'py>, ConvertError> {
        Ok(Mapping {
            converter: self,
            dict: PyDict::new(self.py()),
            key: None,
        })
    }
    fn serialize_struct(
        self,
        name: &'static str,
        _len: usize,
    ) -> Result<Instance<'a, 'py>, ConvertError> {
        let class = self.cache.class(name)?;
        let instance = self.cache.new_instance.call1((class,))?;
        Ok(Instance {
            converter: self,
            instance,
        })
    }
    fn serialize_struct_variant(
        self,
        name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, ConvertError> {
        Err(ser::Error::custom(format!(
            "{name}: enum variants with fields are not converted"
        )))
    }
}

impl<'py> ser::SerializeSeq for Sequence<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = ConvertError;

    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), ConvertError> {
        self.items.push(value.serialize(self.converter)?);
        Ok(())
    }

    fn end(self) -> Out<'py> {
        Ok(PyList::new(self.converter.py(), self.items)?.into_any())
    }
}

impl<'py> ser::SerializeTuple for Sequence<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = ConvertError;

    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), ConvertError> {
        ser::SerializeSeq::serialize_element(self, value)
    }

    fn end(self) -> Out<'py> {
        ser::SerializeSeq::end(self)
    }
}

impl<'py> ser::SerializeTupleStruct for Sequence<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = ConvertError;

    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), ConvertError> {
        ser::SerializeSeq::serialize_element(self, value)
    }

    fn end(self) -> Out<'py> {
        ser::SerializeSeq::end(self)
    }
}

impl<'py> ser::SerializeMap for Mapping<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = ConvertError;

    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), ConvertError> {
        self.key = Some(key.serialize(self.converter)?);
        Ok(())
    }

    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), ConvertError> {
        let key = self.key.take().ok_or_else(|| {
            <ConvertError as ser::Error>::custom("a map value came without its key")
        })?;
        self.dict.set_item(key, value.serialize(self.converter)?)?;
        Ok(())
    }

    fn end(self) -> Out<'py> {
        Ok(self.dict.into_any())
    }
}

impl<'py> ser::SerializeStruct for Instance<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = ConvertError;

    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), ConvertError> {
        let value = value.serialize(self.converter)?;
        self.instance
            .setattr(self.converter.cache.name(key), value)?;
        Ok(())
    }

    fn end(self) -> Out<'py> {
        Ok(self.instance)
    }
}

/// Builds Python objects straight from JSON text, in one pass: objects become
/// dicts, arrays lists, and repeated short keys share one string object, as in
/// the standard library's `json.loads`.
struct JsonSeed<'a, 'py> {
    cache: &'a Cache<'py>,
    keys: &'a RefCell<HashMap<Box<str>, Bound<'py, PyString>>>,
}

impl<'a, 'py> Clone for JsonSeed<'a, 'py> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<'a, 'py> Copy for JsonSeed<'a, 'py> {}

/// Keys longer than this are not shared: they are rarely repeated.
const SHARED_KEY_MAX: usize = 64;

impl<'de, 'a, 'py> de::DeserializeSeed<'de> for JsonSeed<'a, 'py> {
    type Value = Bound<'py, PyAny>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

struct KeySeed<'a, 'py>(JsonSeed<'a, 'py>);

impl<'de, 'a, 'py> de::DeserializeSeed<'de> for KeySeed<'a, 'py> {
    type Value = Bound<'py, PyString>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de, 'a, 'py> de::Visitor<'de> for KeySeed<'a, 'py> {
    type Value = Bound<'py, PyString>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an object key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        let py = self.0.cache.py;
        if key.len() > SHARED_KEY_MAX {
            return Ok(PyString::new(py, key));
        }
        if let Some(shared) = self.0.keys.borrow().get(key) {
            return Ok(shared.clone());
        }
        let made = PyString::new(py, key);
        self.0.keys.borrow_mut().insert(key.into(), made.clone());
        Ok(made)
    }
}

impl<'de, 'a, 'py> de::Visitor<'de> for JsonSeed<'a, 'py> {
    type Value = Bound<'py, PyAny>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(pyo3::types::PyBool::new(self.cache.py, v)
            .to_owned()
            .into_any())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        v.into_pyobject(self.cache.py)
            .map(BoundObject::into_any)
            .map_err(E::custom)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        v.into_pyobject(self.cache.py)
            .map(BoundObject::into_any)
            .map_err(E::custom)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(pyo3::types::PyFloat::new(self.cache.py, v).into_any())
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(PyString::new(self.cache.py, v).into_any())
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(self.cache.py.None().into_bound(self.cache.py))
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(self)? {
            items.push(item);
        }
        PyList::new(self.cache.py, items)
            .map(BoundObject::into_any)
            .map_err(de::Error::custom)
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let dict = PyDict::new(self.cache.py);
        while let Some(key) = map.next_key_seed(KeySeed(self))? {
            let value = map.next_value_seed(self)?;
            dict.set_item(key, value).map_err(de::Error::custom)?;
        }
        Ok(dict.into_any())
    }
}

impl<'py> Cache<'py> {
    /// Converts a JSON document into dicts, lists and scalars; returns serde's
    /// message when the text is not valid JSON.
    pub fn convert_json(&self, body: &[u8]) -> Result<Bound<'py, PyAny>, String> {
        let keys = RefCell::new(HashMap::new());
        let seed = JsonSeed {
            cache: self,
            keys: &keys,
        };
        let mut deserializer = serde_json::Deserializer::from_slice(body);
        let value =
            de::DeserializeSeed::deserialize(seed, &mut deserializer).map_err(|e| e.to_string())?;
        deserializer.end().map_err(|e| e.to_string())?;
        Ok(value)
    }
}
